using System.Runtime.CompilerServices;
using Marten;
using Marten.Services.BatchQuerying;
using Participation.Projections.Cases;

namespace Participation.Host.Privacy;

/// <summary>
/// The stored (wrapped) keys of one case's participants, read in the batch that locks the case, so a command
/// that encrypts text about them needs no round trip of its own for their keys (ADR 18). A key is unwrapped
/// only when a text about its participant is encrypted; an erased participant has no key, so none is found.
/// </summary>
public sealed class CaseParticipantKeys(IReadOnlyList<PersonalDataKey> stored)
{
    public static readonly CaseParticipantKeys None = new([]);

    private readonly Dictionary<Guid, PersonalDataKey> _byParticipant = stored.ToDictionary(k => k.Id);

    public bool TryGet(Guid participantId, out PersonalDataKey key) => _byParticipant.TryGetValue(participantId, out key!);
}

/// <summary>Fetches <see cref="CaseParticipantKeys"/> as one statement of a batched query.</summary>
public sealed class CaseParticipantKeysPlan(Guid caseId, string where) : IBatchQueryPlan<CaseParticipantKeys>
{
    // The statement names the store's own tables, so each store (a test host, a schema) gets its own.
    private static readonly ConditionalWeakTable<IDocumentStore, string> Wheres = new();

    /// <summary>The plan for the case named by the route's <c>{caseId}</c>.</summary>
    public static CaseParticipantKeysPlan For(HttpContext http, IDocumentStore store) =>
        new(Guid.Parse((string)http.GetRouteValue("caseId")!), Wheres.GetValue(store, WhereFor));

    public async Task<CaseParticipantKeys> Fetch(IBatchedQuery query)
    {
        var tenant = query.Parent.TenantId;
        return new CaseParticipantKeys(await query.Query<PersonalDataKey>(where, tenant, tenant, caseId));
    }

    private static string WhereFor(IDocumentStore store)
    {
        var entries = store.Options.FindOrResolveDocumentType(typeof(CaseParticipantEntry));
        return $"where d.tenant_id = ? and d.id in (select (p.data -> 'item' ->> 'participantId')::uuid from {entries.TableName.QualifiedName} as p " +
               $"where p.tenant_id = ? and p.{entries.DuplicatedFields.Single().ColumnName} = ?)";
    }
}
