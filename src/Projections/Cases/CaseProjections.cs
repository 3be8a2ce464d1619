using JasperFx.Events.Projections;
using Marten;
using Marten.Schema.Indexing.Unique;
using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

public static class CaseProjections
{
    /// <summary>
    /// Registers the case stream's event names, its inline read models (the decision state, the case's details in
    /// rows, the list's summary; ADR 18), the live fold time travel uses, and the indexes behind the case list.
    /// </summary>
    public static StoreOptions AddCaseProjections(this StoreOptions options)
    {
        // Stored names come from the one declaration of each event, so renaming a class never changes stored data.
        foreach (var type in CaseEventTypes.All) options.Events.MapEventType(type.Type, type.Name);
        options.Projections.Add(new CaseStateProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new CaseDetailsRowsProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new CaseSummaryProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new CaseDetailsProjection(), ProjectionLifecycle.Live);

        // Each list entry of CaseDetails is a row of its own (ADR 18), found by its case through a column of its own.
        options.Schema.For<CaseParticipantEntry>().Duplicate(x => x.CaseId);
        options.Schema.For<CaseContactEntry>().Duplicate(x => x.CaseId);
        options.Schema.For<CaseStrengthEntry>().Duplicate(x => x.CaseId);
        options.Schema.For<CaseConnectionEntry>().Duplicate(x => x.CaseId);
        options.Schema.For<CaseAgreementEntry>().Duplicate(x => x.CaseId);
        options.Schema.For<CaseDetailsHead>();

        // Two indexes, each led by the tenant: one for the filters the list combines (area, status,
        // neighbourhood) and one for "my cases". Every command patches its case's summary, so each
        // further index costs every command a write; the list counts all matching rows anyway, so an
        // index for its sort order would save little (ADR 9). Numeric revisions keep the mt_version column a
        // bigint, as it was when Marten folded the summary, so a database from before ADR 18 needs no change of it.
        options.Schema.For<CaseSummary>()
            .UseNumericRevisions(true)
            .Index([x => x.Domain, x => x.Status, x => x.Neighbourhood.Code], index =>
            {
                index.Name = "mt_doc_casesummary_idx_tenant_filters";
                index.TenancyScope = TenancyScope.PerTenant;
            })
            .Index(x => x.Owner!, index =>
            {
                index.Name = "mt_doc_casesummary_idx_tenant_owner";
                index.TenancyScope = TenancyScope.PerTenant;
            });
        return options;
    }
}
