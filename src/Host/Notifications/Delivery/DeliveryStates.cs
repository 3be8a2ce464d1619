using System.Collections.Concurrent;
using Marten;
using Npgsql;
using Participation.Host.Http;

namespace Participation.Host.Notifications.Delivery;

/// <summary>
/// The <see cref="DeliveryState"/> of each database: with a database per tenant (ADR 40) a tenant's subscriptions, their
/// waiting events and delivery log live in its own database; in the shared mode there is one.
/// </summary>
public sealed class DeliveryStates(IDocumentStore store)
{
    private readonly ConcurrentDictionary<NpgsqlDataSource, DeliveryState> _states = new();

    /// <summary>The state in the database <paramref name="session"/> works in.</summary>
    public DeliveryState Of(IQuerySession session) => Of(session.DataSource());

    /// <summary>
    /// The state in <paramref name="tenant"/>'s database; without a tenant (pump messages sent before they named one, which
    /// only a shared database holds) the one database's.
    /// </summary>
    public async ValueTask<DeliveryState> ForAsync(string? tenant) =>
        Of(tenant is null ? (await store.TenantDatabasesAsync()).Single().DataSource : await store.DataSourceAsync(tenant));

    /// <summary>Runs <paramref name="work"/> on every database's state; answers the tenants whose database did not answer.</summary>
    public Task<IReadOnlyList<string>> InEveryDatabaseAsync(Func<DeliveryState, Task> work) =>
        store.InEveryTenantDatabaseAsync((_, dataSource) => work(Of(dataSource)));

    private DeliveryState Of(NpgsqlDataSource dataSource) => _states.GetOrAdd(dataSource, d => new DeliveryState(d, store));
}
