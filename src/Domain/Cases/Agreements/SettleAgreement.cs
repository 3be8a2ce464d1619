namespace Participation.Domain.Cases.Agreements;

public enum Settlement { Fulfil, Break }

/// <summary>An open agreement is fulfilled or broken, once.</summary>
public sealed record SettleAgreement(string Note)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Guid agreementId, Settlement settlement, Stamp stamp)
    {
        new CommandValidation().Text("note", Note, CommandValidation.LongText).ThrowIfInvalid();
        state.EnsureOpen();

        if (!state.Agreements.TryGetValue(agreementId, out var agreement))
            throw new CasePartNotFound("agreement", agreementId);
        var wanted = settlement switch
        {
            Settlement.Fulfil => AgreementStatus.Fulfilled,
            Settlement.Break => AgreementStatus.Broken,
            _ => throw new ArgumentOutOfRangeException(nameof(settlement)),
        };
        if (agreement.Status == wanted) return [];
        if (agreement.Status != AgreementStatus.Open)
            throw new CaseRuleViolated(CaseRules.AgreementSettled, $"Agreement {agreementId} is already {agreement.Status.ToString().ToLowerInvariant()}.");

        return wanted == AgreementStatus.Fulfilled
            ? [new AgreementFulfilled(agreementId, agreement.Parties, Note, stamp.By, stamp.At)]
            : [new AgreementBroken(agreementId, agreement.Parties, Note, stamp.By, stamp.At)];
    }
}
