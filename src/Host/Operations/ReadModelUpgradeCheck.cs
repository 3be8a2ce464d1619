using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Projections.Cases;
using Participation.Projections.Progress;

namespace Participation.Host.Operations;

/// <summary>
/// Part of <c>/health/ready</c>: Unhealthy while a read model of a database written before an upgrade still waits for
/// the rebuild the README's "Upgrading" names, since until then it answers wrongly rather than failing: a case opened
/// before ADR 18 answers 404 (its head and list rows were never written; the old <c>mt_doc_casedetails</c> table is the
/// sign, dropped after the rebuild), a summary from before ADR 20 has no sort columns (it sorts last) and one from before
/// ADR 23 no search row (it is never found), and the dashboard's figures (ADR 20; the stalled count's among them came
/// after it) count only what changed after the upgrade. Each pending rebuild is a gauge
/// (<c>participation.read_models.upgrade_pending</c>, by projection) and an Error log line when a node finds it. A probe
/// that once found its rebuild done is not asked again by this node: the scan over the summaries then costs one pass per
/// start.
/// </summary>
public sealed class ReadModelUpgradeCheck : IHealthCheck
{
    public const string LegacyCaseDetailsTable = "mt_doc_casedetails";

    /// <summary>A rebuild a database may need after an upgrade, and the SQL that is true while it does.</summary>
    private sealed record PendingRebuild(string Projection, string Since, string Sql, string Done);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly ILogger<ReadModelUpgradeCheck> _logger;
    private readonly PendingRebuild[] _rebuilds;
    private readonly Dictionary<string, bool> _pending = [];
    private readonly SemaphoreSlim _probing = new(1, 1);

    public ReadModelUpgradeCheck(NpgsqlDataSource dataSource, IDocumentStore store, IMeterFactory meters, ILogger<ReadModelUpgradeCheck> logger)
    {
        _dataSource = dataSource;
        _schema = store.Options.DatabaseSchemaName;
        _logger = logger;
        var s = _schema;
        // The tables of this node's versions (ADR 39): a later version of a read model has tables of its own.
        var searchTable = store.Options.FindOrResolveDocumentType(typeof(CaseSearchText)).TableName.QualifiedName;
        var summaryTable = store.Options.FindOrResolveDocumentType(typeof(CaseSummary)).TableName.QualifiedName;
        _rebuilds =
        [
            new("CaseDetails", "ADR 18", $"select to_regclass('{s}.{LegacyCaseDetailsTable}') is not null",
                $"run 'projections rebuild -p CaseDetails', then drop {s}.{LegacyCaseDetailsTable}"),
            // A summary from before ADR 20 (no sort columns) or ADR 23 (search text in the summary) has no search row.
            new("CaseSummary", "ADR 23", $"select exists (select 1 from {summaryTable} as c where not exists " +
                $"(select 1 from {searchTable} as t where t.tenant_id = c.tenant_id and t.id = c.id))",
                "run 'projections rebuild -p CaseSummary'"),
            // The figures came with ADR 20, the quiet figure of open cases (the stalled count) after it, and typed keys after
            // that: a neighbourhood's name cell joined its parts by line breaks, which names may no longer hold.
            new("CaseProgress", "ADR 20",
                $"select (exists (select 1 from {s}.mt_doc_caseprogress) and not exists (select 1 from {s}.{ProgressFigureTable.Name})) " +
                $"or (exists (select 1 from {s}.mt_doc_caseprogress where data ->> 'status' = '{CaseStatus.Open}') " +
                $"and not exists (select 1 from {s}.{ProgressFigureTable.Name} where figure = '{ProgressFigures.Quiet}')) " +
                $"or exists (select 1 from {s}.{ProgressFigureTable.Name} where figure = '{ProgressFigures.NeighbourhoodName}' and strpos(key, E'\\n') > 0)",
                "run 'projections rebuild -p CaseProgress'"),
        ];
        meters.Create(ProjectionMonitor.MeterName).CreateObservableGauge("participation.read_models.upgrade_pending", Measure, "{rebuild}",
            "1 while a read model of a database written before an upgrade waits for its rebuild, by projection");
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _probing.WaitAsync(cancellationToken);
        try
        {
            foreach (var rebuild in _rebuilds.Where(r => _pending.GetValueOrDefault(r.Projection, true)))
            {
                await using var command = _dataSource.CreateCommand(rebuild.Sql);
                var pending = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
                if (pending && !_pending.ContainsKey(rebuild.Projection))
                    _logger.LogError("The read model {Projection} in schema {Schema} was written before {Since} and waits for its rebuild: {Done} (README, Upgrading)",
                        rebuild.Projection, _schema, rebuild.Since, rebuild.Done);
                lock (_pending) _pending[rebuild.Projection] = pending;
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("Whether a read model waits for its rebuild after an upgrade could not be read.", e);
        }
        finally
        {
            _probing.Release();
        }

        var waiting = _rebuilds.Where(r => _pending[r.Projection]).ToList();
        return waiting.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(string.Join(" ", waiting.Select(r => $"{r.Projection} was written before {r.Since}: {r.Done}.")));
    }

    private IEnumerable<Measurement<int>> Measure()
    {
        lock (_pending)
            return _pending.Select(p => new Measurement<int>(p.Value ? 1 : 0, new KeyValuePair<string, object?>("projection", p.Key))).ToList();
    }
}
