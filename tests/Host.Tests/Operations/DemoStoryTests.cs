using System.Text.Json;
using System.Text.Json.Nodes;
using Participation.Host.Operations.Seeding;

namespace Participation.Host.Tests.Operations;

/// <summary>What the seed's story tells, read from its steps: the movement the insights page shows, and a neighbourhood too small to publish.</summary>
public sealed class DemoStoryTests
{
    private static readonly IReadOnlyList<StoryStep> Story = DemoStory.Tell(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_main_residents_are_measured_at_intake_and_evaluation_with_levels_mostly_up_and_support_moving_from_professionals()
    {
        var measurements = Story.Where(s => s.Path == "measurements").Select(s => (s.Case, Body: Body(s))).ToList();
        var intakes = measurements.Where(m => (string?)m.Body["moment"] == "intake").ToDictionary(m => m.Case, m => m.Body);
        var evaluations = measurements.Where(m => (string?)m.Body["moment"] == "evaluation").ToDictionary(m => m.Case, m => m.Body);
        // Every case but one or two opened in the last days (their first contact still to come), most but the quiet ones and the newest.
        Assert.InRange(intakes.Count, Story.Count(s => s.Path == "/api/cases") - 2, Story.Count(s => s.Path == "/api/cases"));
        Assert.InRange(evaluations.Count, intakes.Count / 2, intakes.Count);
        Assert.All(evaluations, e => Assert.Equal((string?)intakes[e.Key]["participantId"], (string?)e.Value["participantId"]));

        var pairs = (from e in evaluations
                     from first in Domains(intakes[e.Key])
                     from latest in Domains(e.Value)
                     where (string?)first["domain"] == (string?)latest["domain"]
                     select (First: first, Latest: latest)).ToList();
        var moves = pairs.Select(p => Math.Sign((int)p.Latest["level"]! - (int)p.First["level"]!)).ToList();
        var (up, same, worse) = (moves.Count(m => m > 0), moves.Count(m => m == 0), moves.Count(m => m < 0));
        Assert.True(up > same && same > worse && worse > 0, $"up {up}, same {same}, worse {worse}");
        Assert.All(pairs, p =>
        {
            Assert.True((int)p.Latest["professionalShare"]! < (int)p.First["professionalShare"]!);
            Assert.True((int)p.Latest["ownShare"]! > (int)p.First["ownShare"]!);
        });
        Assert.All(measurements.SelectMany(m => Domains(m.Body)), d =>
            Assert.Equal(100, (int)d["ownShare"]! + (int)d["networkShare"]! + (int)d["professionalShare"]!));

        // Each measurement comes after the case's opening and, where the case is closed, before its closing.
        foreach (var (@case, step) in Story.Where(s => s.Path == "measurements").Select(s => (s.Case, s)))
        {
            Assert.True(Story.Single(s => s.Case == @case && s.Path == "/api/cases").At < step.At);
            if (Story.SingleOrDefault(s => s.Case == @case && s.Path == "close") is { } close) Assert.True(step.At < close.At);
        }
    }

    [Fact]
    public void One_neighbourhood_has_too_few_cases_for_its_figures_to_be_published()
    {
        var byNeighbourhood = Story.Where(s => s.Path == "/api/cases").GroupBy(s => (string?)Body(s)["neighbourhood"]!["code"]).ToDictionary(g => g.Key!, g => g.Count());

        Assert.Equal(2, byNeighbourhood["F78"]);
        Assert.Equal(9, byNeighbourhood.Count);
    }

    private static JsonObject Body(StoryStep step) => JsonSerializer.SerializeToNode(step.Body(new StoryIds()), JsonSerializerOptions.Web)!.AsObject();

    private static IEnumerable<JsonNode> Domains(JsonObject measurement) => measurement["domains"]!.AsArray().Select(d => d!);
}
