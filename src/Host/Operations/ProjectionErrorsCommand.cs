using JasperFx.CommandLine;
using JasperFx.Events.Daemon;
using Marten;
using Participation.Host.Http;
using Spectre.Console;

namespace Participation.Host.Operations;

// Lower case, as typed on the command line (JasperFx matches enum arguments by exact name, like its own projections command).
public enum ProjectionErrorsAction { list, clear }

public sealed class ProjectionErrorsInput : NetCoreInput
{
    [Description("list (the default) shows the events the async projections skipped; clear forgets them once they are dealt with")]
    public ProjectionErrorsAction Action { get; set; } = ProjectionErrorsAction.list;

    [Description("Only this projection's skipped events"), FlagAlias("projection", 'p')]
    public string? ProjectionFlag { get; set; }
}

/// <summary>
/// The operator's side of a projection that could not apply an event: list what it skipped (Marten's dead
/// letters, which keep <c>/health/ready</c> Degraded), or clear them to accept the skip. A rebuild of the
/// projection (<c>projections rebuild -p …</c>, once the cause is fixed) clears its own.
/// </summary>
[Description("Lists or clears the events an async projection could not apply", Name = "projection-errors")]
public sealed class ProjectionErrorsCommand : JasperFxAsyncCommand<ProjectionErrorsInput>
{
    public ProjectionErrorsCommand()
    {
        Usage("List the events the async projections skipped");
        Usage("List them, or clear them once dealt with").Arguments(x => x.Action);
    }

    public override async Task<bool> Execute(ProjectionErrorsInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var table = new Table().AddColumns("projection", "sequence", "tenant", "at", "error");
        var cleared = 0;
        // Every tenant database's (ADR 40); in the shared mode the one database's.
        foreach (var (database, _) in await store.TenantDatabasesAsync())
        {
            await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForDatabase(database));
            var failures = session.Query<DeadLetterEvent>().AsQueryable();
            if (input.ProjectionFlag is { } projection) failures = failures.Where(f => f.ProjectionName == projection);
            if (input.Action == ProjectionErrorsAction.clear)
            {
                cleared += await failures.CountAsync();
                if (input.ProjectionFlag is { } only) session.DeleteWhere<DeadLetterEvent>(f => f.ProjectionName == only);
                else session.DeleteWhere<DeadLetterEvent>(f => f.EventSequence >= 0);
                await session.SaveChangesAsync();
                continue;
            }
            foreach (var f in await failures.OrderBy(f => f.EventSequence).ToListAsync())
                table.AddRow(Markup.Escape(f.ProjectionName), f.EventSequence.ToString(), Markup.Escape(f.TenantId ?? ""), f.Timestamp.ToString("O"),
                    Markup.Escape($"{f.ExceptionType}: {f.ExceptionMessage}"));
        }

        if (input.Action == ProjectionErrorsAction.clear) AnsiConsole.WriteLine($"Cleared {cleared} skipped event(s).");
        else AnsiConsole.Write(table);
        return true;
    }
}
