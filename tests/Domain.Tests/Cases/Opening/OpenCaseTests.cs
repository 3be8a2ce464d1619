using Participation.Domain.Cases;
using Participation.Domain.Cases.Opening;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Opening;

public class OpenCaseTests
{
    private static OpenCase Valid() => new(CaseDomain.Jeugdzorg, Oosterpark, "Huiswerkclub", "Kinderen helpen", "Elke week");

    private static CaseSpecification WhenOpening(OpenCase command) => Given().When(_ => [command.Decide(CaseId, Anna)]);

    [Fact]
    public void Opens_the_case_with_the_stamp() =>
        WhenOpening(Valid()).Then(
            new CaseOpened(CaseId, CaseDomain.Jeugdzorg, Oosterpark, "Huiswerkclub", "Kinderen helpen", "Elke week", "anna", Now));

    [Fact]
    public void A_new_case_starts_open_in_engage()
    {
        var state = Fold([Valid().Decide(CaseId, Anna)])!;

        Assert.Equal(CaseId, state.Id);
        Assert.Equal(CaseStatus.Open, state.Status);
        Assert.Equal(CasePhase.Engage, state.Phase);
        Assert.Null(state.Owner);
        Assert.Empty(state.Participants);
    }

    [Fact]
    public void Trims_the_title() =>
        WhenOpening(Valid() with { Title = "  Huiswerkclub \t" }).Then(
            new CaseOpened(CaseId, CaseDomain.Jeugdzorg, Oosterpark, "Huiswerkclub", "Kinderen helpen", "Elke week", "anna", Now));

    [Fact]
    public void Description_and_goal_are_optional() =>
        WhenOpening(Valid() with { Description = null, Goal = null }).Then(
            new CaseOpened(CaseId, CaseDomain.Jeugdzorg, Oosterpark, "Huiswerkclub", null, null, "anna", Now));

    [Fact]
    public void Accepts_text_at_the_length_limits_with_line_breaks_tabs_and_surrogate_pairs()
    {
        var title = new string('t', 198) + "\U0001F60A";
        var description = "line one\r\n\tline two " + new string('d', 3980);
        var command = Valid() with { Title = title, Description = description, Neighbourhood = Oosterpark with { Code = new string('c', 50) } };

        WhenOpening(command).Then(new CaseOpened(
            CaseId, CaseDomain.Jeugdzorg, Oosterpark with { Code = new string('c', 50) }, title, description, "Elke week", "anna", Now));
    }

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_title(string? title) => WhenOpening(Valid() with { Title = title! }).ThenInvalid("title");

    [Fact]
    public void Rejects_lone_surrogates_in_every_text_field()
    {
        foreach (var text in BadText.LoneSurrogates)
            WhenOpening(new OpenCase(CaseDomain.Sport, new Neighbourhood(text, text, text), text, text, text)).ThenInvalid(
                "title", "description", "goal", "neighbourhood.code", "neighbourhood.name", "neighbourhood.district");
    }

    [Fact]
    public void Rejects_a_too_long_title() => WhenOpening(Valid() with { Title = BadText.TooLong(200) }).ThenInvalid("title");

    [Theory]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_control_characters_in_description_and_goal(string text) =>
        WhenOpening(Valid() with { Description = text, Goal = text }).ThenInvalid("description", "goal");

    [Fact]
    public void Rejects_a_too_long_description_and_goal() =>
        WhenOpening(Valid() with { Description = BadText.TooLong(4000), Goal = BadText.TooLong(4000) }).ThenInvalid("description", "goal");

    [Fact]
    public void Rejects_an_unknown_domain() => WhenOpening(Valid() with { Domain = (CaseDomain)42 }).ThenInvalid("domain");

    [Fact]
    public void Rejects_a_missing_neighbourhood() => WhenOpening(Valid() with { Neighbourhood = null! }).ThenInvalid("neighbourhood");

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_bad_neighbourhood_fields(string? text) =>
        WhenOpening(Valid() with { Neighbourhood = new Neighbourhood(text!, text!, text!) })
            .ThenInvalid("neighbourhood.code", "neighbourhood.name", "neighbourhood.district");

    [Fact]
    public void Rejects_a_neighbourhood_code_over_50_characters() =>
        WhenOpening(Valid() with { Neighbourhood = Oosterpark with { Code = BadText.TooLong(50) } }).ThenInvalid("neighbourhood.code");

    [Fact]
    public void Reports_every_invalid_field_at_once() =>
        WhenOpening(new OpenCase((CaseDomain)42, null!, " ", BadText.TooLong(4000), "\u0001"))
            .ThenInvalid("domain", "neighbourhood", "title", "description", "goal");

    [Fact]
    public void Invalid_command_names_the_messages_per_field()
    {
        var error = Assert.Throws<InvalidCommand>(() => (Valid() with { Title = "" }).Decide(CaseId, Anna));

        Assert.Equal(["is required and may not be empty"], error.Errors["title"]);
    }

    [Theory]
    [InlineData("code", "BU\n0363")]
    [InlineData("name", "Slotermeer-\nNoordoost")]
    [InlineData("district", "Nieuw-\r\nWest")]
    [InlineData("name", "Oost\t")]
    public void A_neighbourhood_is_named_in_one_line(string part, string value)
    {
        var neighbourhood = part switch
        {
            "code" => Oosterpark with { Code = value },
            "name" => Oosterpark with { Name = value },
            _ => Oosterpark with { District = value },
        };
        WhenOpening(Valid() with { Neighbourhood = neighbourhood }).ThenInvalid($"neighbourhood.{part}");
    }

    [Fact]
    public void A_slash_in_a_district_is_part_of_its_name() =>
        WhenOpening(Valid() with { Neighbourhood = Oosterpark with { District = "Oud-West/De Baarsjes" } }).Then(
            new CaseOpened(CaseId, CaseDomain.Jeugdzorg, Oosterpark with { District = "Oud-West/De Baarsjes" }, "Huiswerkclub", "Kinderen helpen", "Elke week", "anna", Now));
}
