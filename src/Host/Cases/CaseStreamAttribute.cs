using Wolverine.Marten;

namespace Participation.Host.Cases;

/// <summary>
/// Loads the case named by the <c>{caseId}</c> route segment for writing, locking its stream for the
/// rest of the transaction: racing commands on one case are applied one after another instead of failing.
/// An unknown case, or another tenant's, is a 404.
/// </summary>
public sealed class CaseStreamAttribute : WriteAggregateAttribute
{
    public CaseStreamAttribute() : base("caseId")
    {
        LoadStyle = ConcurrencyStyle.Exclusive;
    }
}
