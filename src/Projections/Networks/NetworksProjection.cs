using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Domain.Retention;

namespace Participation.Projections.Networks;

/// <summary>
/// The tenant's networks and their reach, kept by the async daemon from the networks' own streams and the case events
/// their figures need (<see cref="CaseFacts.EventTypes"/>). A case's facts are tracked from its first connection on (folded
/// from its stored events at that moment), and every later event of it updates each network it is connected to. A merge
/// moves every connected case to the network merged into, and a connection to a merged network counts for that one, so a
/// rebuild, which replays the same events in the same order, comes back to the same figures.
/// </summary>
public sealed class NetworksProjection : ProjectionBase, IProjection
{
    public const string ProjectionName = "Networks";

    private static readonly string[] FactEventNames = CaseFacts.EventTypes.Select(t => CaseEventTypes.Of(t).Name).ToArray();

    public NetworksProjection()
    {
        Name = ProjectionName;
        foreach (var (type, _) in NetworkEventTypes.All) IncludeType(type);
        foreach (var type in CaseFacts.EventTypes) IncludeType(type);
        IncludeType<CaseDestroyed>();
        foreach (var type in new[] { typeof(NetworkSummary), typeof(NetworkCases), typeof(CaseNetworks) })
        {
            RegisterPublishedType(type);
            Options.DeleteViewTypeOnTeardown(type);
        }
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var tenant in events.GroupBy(e => e.TenantId))
            await new Batch(operations.ForTenant(tenant.Key), tenant.Key, cancellation).ApplyAsync(tenant.ToList());
    }

    /// <summary>One tenant's events of one page: every document they touch is loaded once, changed in memory in event order, and stored once.</summary>
    private sealed class Batch(IDocumentOperations tenant, string tenantId, CancellationToken cancellation)
    {
        private readonly Dictionary<Guid, NetworkSummary?> _summaries = [];
        private readonly Dictionary<Guid, NetworkCases> _connected = [];
        private readonly Dictionary<Guid, CaseNetworks?> _cases = [];
        private readonly Dictionary<Guid, CaseFacts> _factsBeforeFirstConnection = [];
        private readonly HashSet<Guid> _touchedNetworks = [];
        private readonly HashSet<Guid> _touchedCases = [];

        public async Task ApplyAsync(IReadOnlyList<IEvent> events)
        {
            await LoadCasesAsync(events.Where(e => e.Data is ICaseEvent).Select(e => e.StreamId)
                .Concat(events.Select(e => e.Data).OfType<CaseDestroyed>().Select(d => d.CaseId)));
            await FoldFirstConnectionsAsync(events);
            await LoadNetworksAsync(events.Select(e => NetworkNamed(e, tenantId)).OfType<Guid>());
            foreach (var e in events) await ApplyAsync(e);
            foreach (var id in _touchedNetworks)
            {
                var summary = _summaries[id]!;
                summary.Reach(_connected[id]);
                tenant.Store(summary);
                tenant.Store(_connected[id]);
            }
            foreach (var id in _touchedCases) tenant.Store(_cases[id]!);
        }

        private static Guid? NetworkNamed(IEvent e, string tenantId) => e.Data switch
        {
            INetworkEvent => e.StreamId,
            NetworkConnected connected => connected.ConnectedNetworkId(tenantId),
            _ => null,
        };

        private async Task ApplyAsync(IEvent e)
        {
            switch (e.Data)
            {
                case NetworkRegistered registered:
                    var summary = await SummaryAsync(e.StreamId) ?? New(e.StreamId, registered.Name, registered.Kind);
                    (summary.Name, summary.Kind, summary.ActiveIn, summary.Description, summary.Organisation) =
                        (registered.Name, registered.Kind, registered.ActiveIn.ToList(), registered.Description, registered.Organisation);
                    summary.Registered = true;
                    Changed(summary, e.Version);
                    break;
                case NetworkUpdated updated when await SummaryAsync(e.StreamId) is { } network:
                    network.Name = updated.Name ?? network.Name;
                    network.Kind = updated.Kind ?? network.Kind;
                    network.ActiveIn = updated.ActiveIn?.ToList() ?? network.ActiveIn;
                    network.Description = updated.Description ?? network.Description;
                    network.Organisation = updated.Organisation ?? network.Organisation;
                    Changed(network, e.Version);
                    break;
                case NetworkRetired when await SummaryAsync(e.StreamId) is { } network:
                    network.Status = NetworkStatus.Retired;
                    Changed(network, e.Version);
                    break;
                case NetworkReactivated when await SummaryAsync(e.StreamId) is { } network:
                    network.Status = NetworkStatus.Active;
                    Changed(network, e.Version);
                    break;
                case NetworkMerged merged when await SummaryAsync(e.StreamId) is { } network:
                    var into = await ResolveAsync(merged.Into);
                    if (into != network.Id) await MoveAsync(network.Id, into);
                    network.Status = NetworkStatus.Merged;
                    network.MergedInto = merged.Into;
                    Changed(network, e.Version);
                    break;
                case NetworkConnected connected:
                    await ConnectAsync(e.StreamId, connected);
                    break;
                case CaseDestroyed destroyed:
                    await DestroyAsync(destroyed);
                    break;
                case ICaseEvent caseEvent when _cases.GetValueOrDefault(e.StreamId) is { } links:
                    links.Facts.Apply(caseEvent);
                    _touchedCases.Add(links.Id);
                    foreach (var networkId in links.NetworkIds) await TouchAsync(networkId);
                    break;
            }
        }

        private async Task ConnectAsync(Guid caseId, NetworkConnected connected)
        {
            var networkId = await ResolveAsync(connected.ConnectedNetworkId(tenantId));
            if (await SummaryAsync(networkId) is null) _touchedNetworks.Add(New(networkId, connected.Network.Name, connected.Network.Kind).Id);
            if (_cases.GetValueOrDefault(caseId) is not { } links)
                _cases[caseId] = links = new CaseNetworks { Id = caseId, Facts = _factsBeforeFirstConnection.GetValueOrDefault(caseId) ?? new CaseFacts() };
            links.Facts.Apply(connected);
            if (!links.NetworkIds.Contains(networkId)) links.NetworkIds.Add(networkId);
            _touchedCases.Add(caseId);

            var cases = await ConnectedAsync(networkId);
            var entry = cases.Find(caseId);
            if (entry is null) cases.Cases.Add(entry = new NetworkCaseEntry { CaseId = caseId });
            entry.Connect(connected.ConnectedAt, 1, connected.ParticipantIds.Select(p => new ConnectedParticipant(p, connected.ConnectedAt)));
            await TouchAsync(networkId);
        }

        /// <summary>
        /// A destroyed case (ADR 34): live, its entries leave the networks it was connected to; live and in a rebuild alike,
        /// an entry without its id, title or participants' ids, made from the reach kept with the declaration, takes their
        /// place, so every network's figures stay as they were.
        /// </summary>
        private async Task DestroyAsync(CaseDestroyed destroyed)
        {
            if (_cases.GetValueOrDefault(destroyed.CaseId) is { } links)
            {
                foreach (var networkId in links.NetworkIds)
                {
                    (await ConnectedAsync(networkId)).Cases.RemoveAll(c => c.CaseId == destroyed.CaseId);
                    await TouchAsync(networkId);
                }
                _cases[destroyed.CaseId] = null;
                _touchedCases.Remove(destroyed.CaseId);
                tenant.Delete<CaseNetworks>(destroyed.CaseId);
            }
            foreach (var kept in destroyed.Figures.Networks)
            {
                var networkId = await ResolveAsync(kept.NetworkId);
                if (await SummaryAsync(networkId) is null) continue;
                (await ConnectedAsync(networkId)).Cases.Add(NetworkCaseEntry.Destroyed(destroyed, kept));
                await TouchAsync(networkId);
            }
        }

        /// <summary>Every case connected to <paramref name="from"/> now counts for <paramref name="into"/>.</summary>
        private async Task MoveAsync(Guid from, Guid into)
        {
            var source = await ConnectedAsync(from);
            var target = await ConnectedAsync(into);
            await LoadCasesAsync(source.Cases.Select(c => c.CaseId));
            foreach (var moved in source.Cases)
            {
                if (target.Find(moved.CaseId) is { } existing)
                {
                    existing.Connect(moved.ConnectedAt, moved.Connections, moved.Participants);
                    if (moved.LastConnectedAt > existing.LastConnectedAt) existing.LastConnectedAt = moved.LastConnectedAt;
                }
                else target.Cases.Add(moved);
                if (_cases.GetValueOrDefault(moved.CaseId) is { } links)
                {
                    links.NetworkIds.Remove(from);
                    if (!links.NetworkIds.Contains(into)) links.NetworkIds.Add(into);
                    _touchedCases.Add(links.Id);
                }
            }
            source.Cases.Clear();
            await TouchAsync(from);
            await TouchAsync(into);
        }

        /// <summary>The network a connection to <paramref name="id"/> counts for: itself, or the one it was (last) merged into.</summary>
        private async Task<Guid> ResolveAsync(Guid id)
        {
            for (var hops = 0; hops < 100 && await SummaryAsync(id) is { Status: NetworkStatus.Merged, MergedInto: { } next }; hops++) id = next;
            return id;
        }

        /// <summary>Marks a network to be stored with its figures; its case entries take their case's facts as they are now.</summary>
        private async Task TouchAsync(Guid networkId)
        {
            if (await SummaryAsync(networkId) is null) return;
            foreach (var entry in (await ConnectedAsync(networkId)).Cases)
                if (_cases.GetValueOrDefault(entry.CaseId) is { } links) entry.Facts = links.Facts;
            _touchedNetworks.Add(networkId);
        }

        private void Changed(NetworkSummary network, long version)
        {
            network.Version = version;
            _touchedNetworks.Add(network.Id);
            _connected.TryAdd(network.Id, new NetworkCases { Id = network.Id });
        }

        private NetworkSummary New(Guid id, string name, NetworkKind kind)
        {
            var summary = new NetworkSummary { Id = id, Name = name, Kind = kind, Status = NetworkStatus.Active };
            _summaries[id] = summary;
            _connected.TryAdd(id, new NetworkCases { Id = id });
            return summary;
        }

        private async Task<NetworkSummary?> SummaryAsync(Guid id)
        {
            if (!_summaries.ContainsKey(id)) await LoadNetworksAsync([id]);
            return _summaries[id];
        }

        private async Task<NetworkCases> ConnectedAsync(Guid id)
        {
            if (!_connected.ContainsKey(id)) await LoadNetworksAsync([id]);
            return _connected.TryGetValue(id, out var cases) ? cases : _connected[id] = new NetworkCases { Id = id };
        }

        private async Task LoadNetworksAsync(IEnumerable<Guid> ids)
        {
            var missing = ids.Where(id => !_summaries.ContainsKey(id)).Distinct().ToArray();
            if (missing.Length == 0) return;
            var batch = tenant.CreateBatchQuery();
            var summaries = batch.LoadMany<NetworkSummary>().ById(missing);
            var connected = batch.LoadMany<NetworkCases>().ById(missing);
            await batch.Execute(cancellation);
            foreach (var id in missing) _summaries[id] = null;
            foreach (var summary in await summaries) _summaries[summary.Id] = summary;
            foreach (var cases in await connected) _connected[cases.Id] = cases;
        }

        private async Task LoadCasesAsync(IEnumerable<Guid> ids)
        {
            var missing = ids.Where(id => !_cases.ContainsKey(id)).Distinct().ToArray();
            if (missing.Length == 0) return;
            foreach (var id in missing) _cases[id] = null;
            foreach (var links in await tenant.LoadManyAsync<CaseNetworks>(cancellation, missing)) _cases[links.Id] = links;
        }

        /// <summary>
        /// A case connected for the first time in this page: its facts as they were just before that connection, folded
        /// from its stored events (in one query for all such cases of the page); its later events are this page's to apply.
        /// </summary>
        private async Task FoldFirstConnectionsAsync(IReadOnlyList<IEvent> events)
        {
            var first = events.Where(e => e.Data is NetworkConnected && _cases.GetValueOrDefault(e.StreamId) is null)
                .GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => g.Min(e => e.Version));
            if (first.Count == 0) return;
            var ids = first.Keys.ToArray();
            var stored = await tenant.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(ids) && e.EventTypeName.IsOneOf(FactEventNames))
                .OrderBy(e => e.Sequence).ToListAsync(cancellation);
            foreach (var e in stored.Where(e => e.Version < first[e.StreamId]))
            {
                if (!_factsBeforeFirstConnection.TryGetValue(e.StreamId, out var facts)) _factsBeforeFirstConnection[e.StreamId] = facts = new CaseFacts();
                facts.Apply((ICaseEvent)e.Data);
            }
        }
    }
}
