using JasperFx.Events.Projections;
using Marten;

namespace Participation.Projections.Progress;

public static class ProgressProjections
{
    /// <summary>
    /// The read models behind the programme manager's figures, kept by the async daemon (not in the
    /// command's transaction): per case <see cref="CaseProgress"/> with the tenant's figures beside it
    /// (<see cref="ProgressFigureTable"/>).
    /// </summary>
    /// <summary>The column the stalled cases' index reads.</summary>
    public const string StalledColumn = "open_quiet_since";

    public static StoreOptions AddProgressProjections(this StoreOptions options)
    {
        // The daemon looks for new events every 250 ms when idle (Marten's default is a second): figures
        // trail commands by about 0.1 s instead of 0.5 s, for one small query four times a second (ADR 7).
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(100);
        var schema = options.Events.DatabaseSchemaName;
        var caseProgress = new CaseProgressProjection { Schema = schema };
        // The figures are the sum of every case's share: a rebuild of the cases' progress starts them from nothing as well.
        caseProgress.Options.DeleteDataInTableOnTeardown($"{schema}.{ProgressFigureTable.Name}");
        options.Storage.ExtendedSchemaObjects.Add(ProgressFigureTable.For(schema));
        options.Projections.Add(caseProgress, ProjectionLifecycle.Async);
        // The stalled cases, longest quiet first: an index on the quiet moment of the open cases, led by the tenant.
        options.Schema.For<CaseProgress>().Duplicate(x => x.OpenQuietSince, configure: index =>
        {
            index.Name = "mt_doc_caseprogress_idx_stalled";
            index.Mask = "tenant_id, ?, id";
            index.Predicate = $"{StalledColumn} is not null";
        });
        return options;
    }
}
