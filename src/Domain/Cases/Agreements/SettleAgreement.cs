namespace Participation.Domain.Cases.Agreements;

public enum Settlement { Fulfil, Break }

/// <summary>An open agreement is fulfilled or broken, once.</summary>
public sealed record SettleAgreement(string Note)
{
    public IReadOnlyList<object> Decide(Case state, Guid agreementId, Settlement settlement, Stamp stamp)
    {
        new CommandValidation().Text("note", Note, CommandValidation.LongText).ThrowIfInvalid();
        state.EnsureOpen();

        if (!state.Agreements.TryGetValue(agreementId, out var status))
            throw new CasePartNotFound("agreement", agreementId);
        var wanted = settlement switch
        {
            Settlement.Fulfil => AgreementStatus.Fulfilled,
            Settlement.Break => AgreementStatus.Broken,
            _ => throw new ArgumentOutOfRangeException(nameof(settlement)),
        };
        if (status == wanted) return [];
        if (status != AgreementStatus.Open)
            throw new CaseRuleViolated(CaseRules.AgreementSettled, $"Agreement {agreementId} is already {status.ToString().ToLowerInvariant()}.");

        return wanted == AgreementStatus.Fulfilled
            ? [new AgreementFulfilled(agreementId, Note, stamp.By, stamp.At)]
            : [new AgreementBroken(agreementId, Note, stamp.By, stamp.At)];
    }
}
