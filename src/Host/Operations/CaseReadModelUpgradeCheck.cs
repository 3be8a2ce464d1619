using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Participation.Host.Operations;

/// <summary>
/// Part of <c>/health/ready</c>: Unhealthy while the schema still holds <c>mt_doc_casedetails</c>, the one-document case
/// read model from before ADR 18. Its rows were never copied into the head and list rows that replaced it, so a case
/// opened before the upgrade answers 404 until <c>projections rebuild -p CaseDetails</c> has run; dropping the old
/// table afterwards (README, "Upgrading") tells every node the rebuild is done. The state is also a gauge
/// (<c>participation.read_models.upgrade_pending</c>) and an Error log line each time a node finds it.
/// </summary>
public sealed class CaseReadModelUpgradeCheck : IHealthCheck
{
    public const string LegacyTable = "mt_doc_casedetails";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly ILogger<CaseReadModelUpgradeCheck> _logger;
    private bool? _pending;

    public CaseReadModelUpgradeCheck(NpgsqlDataSource dataSource, IDocumentStore store, IMeterFactory meters, ILogger<CaseReadModelUpgradeCheck> logger)
    {
        _dataSource = dataSource;
        _schema = store.Options.DatabaseSchemaName;
        _logger = logger;
        meters.Create(ProjectionMonitor.MeterName).CreateObservableGauge("participation.read_models.upgrade_pending",
            () => _pending is { } pending ? [new Measurement<int>(pending ? 1 : 0)] : Array.Empty<Measurement<int>>(),
            "{upgrade}", "1 while the case read model from before ADR 18 is still in the schema and its rebuild is pending");
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        bool pending;
        try
        {
            await using var command = _dataSource.CreateCommand("select to_regclass($1) is not null");
            command.Parameters.AddWithValue($"{_schema}.{LegacyTable}");
            pending = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("Whether the case read model needs its upgrade could not be read.", e);
        }

        if (pending && _pending != true)
            _logger.LogError("The schema {Schema} still holds {Table}, the case read model from before ADR 18: cases opened before the upgrade answer 404 "
                + "until 'projections rebuild -p CaseDetails' has run; then drop {Schema}.{Table} (README, Upgrading)", _schema, LegacyTable, _schema, LegacyTable);
        _pending = pending;
        return pending
            ? HealthCheckResult.Unhealthy($"{_schema}.{LegacyTable} (the case read model from before ADR 18) is still there: run 'projections rebuild -p CaseDetails', then drop it.")
            : HealthCheckResult.Healthy();
    }
}
