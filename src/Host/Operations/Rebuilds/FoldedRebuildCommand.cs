using System.Diagnostics;
using JasperFx.CommandLine;
using Marten;
using Npgsql;
using Spectre.Console;

namespace Participation.Host.Operations.Rebuilds;

public sealed class FoldedRebuildInput : NetCoreInput
{
    [Description("Only this projection (default: every read model rebuilt by folding)"), FlagAlias("projection", 'p')]
    public string? ProjectionFlag { get; set; }
}

/// <summary>
/// Rebuilds the read models kept as one document per stream by folding each stream in memory and copying each table once
/// (<see cref="FoldedRebuild"/>, ADR 38), as <c>projections rebuild -p</c> would rebuild them, several times faster and beside
/// the live tables, which keep answering reads and taking commands until the fresh ones take over.
/// </summary>
[Description("Rebuilds the read models made by folding each stream, stream by stream with bulk COPY (ADR 38)", Name = "rebuild-folded")]
public sealed class FoldedRebuildCommand : JasperFxAsyncCommand<FoldedRebuildInput>
{
    public FoldedRebuildCommand()
    {
        Usage("Rebuild every read model made by folding each stream");
    }

    public override async Task<bool> Execute(FoldedRebuildInput input)
    {
        IReadOnlyList<IFoldedReadModel> models = input.ProjectionFlag is { } name
            ? FoldedReadModels.Named(name) is { } named ? [named] : []
            : FoldedReadModels.All;
        if (models.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{input.ProjectionFlag} is not rebuilt by folding[/] (those that are: {string.Join(", ", FoldedReadModels.All.Select(m => m.Projection))}); use 'projections rebuild -p {input.ProjectionFlag}'.");
            return false;
        }
        using var host = input.BuildHost();
        var rebuild = new FoldedRebuild(host.Services.GetRequiredService<IDocumentStore>(), host.Services.GetRequiredService<NpgsqlDataSource>());
        var watch = Stopwatch.StartNew();
        var (events, documents, _, _) = await rebuild.RunAsync(models, line => AnsiConsole.WriteLine(line), CancellationToken.None);
        AnsiConsole.WriteLine($"Rebuilt {string.Join(", ", models.Select(m => m.Projection))} in one pass: {events:N0} events folded into {documents:N0} documents in {watch.Elapsed.TotalSeconds:N1} s.");
        return true;
    }
}
