using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;
using Participation.Domain.Networks;

namespace Participation.Projections.Networks;

public static class NetworkProjections
{
    public const string ClaimIndex = "mt_doc_networkstate_uidx_claim";

    /// <summary>
    /// The network streams' event names, their inline decision state (whose claim of a name and kind is unique in the
    /// tenant, so two registrations racing for one name cannot both commit), the async read model of the map and the columns
    /// and indexes its list reads (<see cref="NetworkListIndexes"/>).
    /// </summary>
    public static StoreOptions AddNetworkProjections(this StoreOptions options)
    {
        foreach (var (type, name) in NetworkEventTypes.All) options.Events.MapEventType(type, name);
        options.Projections.Add(new NetworkStateProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<NetworkState>().UniqueIndex(UniqueIndexType.Computed, ClaimIndex, TenancyScope.PerTenant, x => x.Claim!);
        options.Projections.Add(new NetworksProjection(), ProjectionLifecycle.Async);
        return options.AddNetworkListIndexes();
    }
}
