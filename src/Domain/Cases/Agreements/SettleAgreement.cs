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
        var wanted = settlement == Settlement.Fulfil ? AgreementStatus.Fulfilled : AgreementStatus.Broken;
        if (status == wanted) return [];
        if (status != AgreementStatus.Open)
            throw new CaseRuleViolated(CaseRules.AgreementSettled, $"Agreement {agreementId} is already {status.ToString().ToLowerInvariant()}.");

        return settlement == Settlement.Fulfil
            ? [new AgreementFulfilled(agreementId, Note, stamp.By, stamp.At)]
            : [new AgreementBroken(agreementId, Note, stamp.By, stamp.At)];
    }
}
