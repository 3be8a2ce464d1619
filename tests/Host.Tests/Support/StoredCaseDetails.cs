using Marten;
using Participation.Projections.Cases;

namespace Participation.Host.Tests.Support;

/// <summary>The stored rows of a case's <see cref="CaseDetails"/> (its head and its list entries), for tests that lose or damage them.</summary>
public static class StoredCaseDetails
{
    public static void DeleteCaseDetails(this IDocumentSession session, Guid caseId)
    {
        session.Delete<CaseDetailsHead>(caseId);
        session.DeleteWhere<CaseParticipantEntry>(x => x.CaseId == caseId);
        session.DeleteWhere<CaseContactEntry>(x => x.CaseId == caseId);
        session.DeleteWhere<CaseStrengthEntry>(x => x.CaseId == caseId);
        session.DeleteWhere<CaseConnectionEntry>(x => x.CaseId == caseId);
        session.DeleteWhere<CaseAgreementEntry>(x => x.CaseId == caseId);
        session.DeleteWhere<CaseMeasurementEntry>(x => x.CaseId == caseId);
    }
}
