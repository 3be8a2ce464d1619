using JasperFx.Events.Projections;
using Marten;
using Marten.Schema.Indexing.Unique;
using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

public static class CaseProjections
{
    /// <summary>
    /// Registers the case stream's event names, its inline read models (the decision state, the case's details in
    /// rows, the list's summary; ADR 18) in tables named after this node's version of each (ADR 39), the live fold time
    /// travel uses, and the indexes behind the case list.
    /// </summary>
    public static StoreOptions AddCaseProjections(this StoreOptions options, ReadModelVersions versions)
    {
        // Stored names come from the one declaration of each event, so renaming a class never changes stored data.
        foreach (var type in CaseEventTypes.All) options.Events.MapEventType(type.Type, type.Name);
        var details = new CaseDetailsRowsProjection();
        var summary = new CaseSummaryProjection();
        options.Projections.Add(new CaseStateProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(details, ProjectionLifecycle.Inline);
        options.Projections.Add(summary, ProjectionLifecycle.Inline);
        versions.NameTables(options, nameof(Case), [typeof(Case)]);
        versions.NameTables(options, details.Name, details.Rows);
        versions.NameTables(options, summary.Name, summary.Rows);
        options.Projections.Add(new CaseDetailsProjection(), ProjectionLifecycle.Live);

        // Each list entry of CaseDetails is a row of its own (ADR 18), found by its case through a column of its own.
        options.Schema.For<CaseParticipantEntry>().Duplicate(x => x.CaseId);
        options.Schema.For<CaseContactEntry>().Duplicate(x => x.CaseId);
        options.Schema.For<CaseStrengthEntry>().Duplicate(x => x.CaseId);
        options.Schema.For<CaseConnectionEntry>().Duplicate(x => x.CaseId);
        options.Schema.For<CaseAgreementEntry>().Duplicate(x => x.CaseId);
        options.Schema.For<CaseMeasurementEntry>().Duplicate(x => x.CaseId);
        options.Schema.For<CaseDetailsHead>();

        options.AddCaseListIndexes(versions);
        return options;
    }
}
