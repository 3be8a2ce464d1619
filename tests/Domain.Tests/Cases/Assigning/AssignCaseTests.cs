using Participation.Domain.Cases;
using Participation.Domain.Cases.Assigning;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Assigning;

public class AssignCaseTests
{
    [Fact]
    public void Assigns_an_unowned_case() =>
        Given(Opened())
            .When(state => new AssignCase("bram").Decide(state, Anna))
            .Then(new CaseAssigned("bram", null, "anna", Now));

    [Fact]
    public void Reassigning_names_the_previous_owner_and_trims() =>
        Given(Opened(), Assigned("bram"))
            .When(state => new AssignCase("  carla ").Decide(state, Anna))
            .Then(new CaseAssigned("carla", "bram", "anna", Now));

    [Fact]
    public void The_owner_is_kept_in_the_state() =>
        Assert.Equal("carla", Fold([Opened(), Assigned("bram"), Assigned("carla", "bram")])!.Owner);

    [Theory]
    [InlineData("bram")]
    [InlineData(" bram\t")]
    public void Assigning_the_same_owner_is_a_no_op(string owner) =>
        Given(Opened(), Assigned("bram"))
            .When(state => new AssignCase(owner).Decide(state, Anna))
            .ThenNothing();

    [Fact]
    public void Owners_are_case_sensitive() =>
        Given(Opened(), Assigned("bram"))
            .When(state => new AssignCase("Bram").Decide(state, Anna))
            .Then(new CaseAssigned("Bram", "bram", "anna", Now));

    [Fact]
    public void A_closed_case_rejects_it() =>
        Given(Opened(), Closed())
            .When(state => new AssignCase("bram").Decide(state, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_owner(string? owner) =>
        Given(Opened())
            .When(state => new AssignCase(owner!).Decide(state, Anna))
            .ThenInvalid("owner");

    [Fact]
    public void Rejects_a_too_long_owner() =>
        Given(Opened())
            .When(state => new AssignCase(BadText.TooLong(200)).Decide(state, Anna))
            .ThenInvalid("owner");
}
