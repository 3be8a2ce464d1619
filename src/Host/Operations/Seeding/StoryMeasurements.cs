using System.Text.Json;
using Participation.Domain.Cases;

namespace Participation.Host.Operations.Seeding;

/// <summary>
/// The story's ZRM measurements of a case's main resident. At intake three to five of six life domains at levels that ask for
/// help (1 to 3), their support carried mostly by professionals; at evaluation most of those levels one or two higher, some
/// the same, a few lower, and the support shifted towards the resident's own strength and network. Each case draws from
/// random numbers of its own, so the rest of the story is the same as before the measurements were told.
/// </summary>
public static class StoryMeasurements
{
    private sealed record Score(string Domain, int Level, int OwnShare, int NetworkShare, int ProfessionalShare);

    /// <summary>
    /// The life domains these cases are about (money, days, family, mind, network, taking part), so that each holds enough
    /// residents for its figures to be published in the whole area.
    /// </summary>
    private static readonly string[] LifeDomains = new[]
    {
        LifeDomain.Finances, LifeDomain.TimeUse, LifeDomain.DomesticRelations, LifeDomain.MentalHealth, LifeDomain.SocialNetwork,
        LifeDomain.CommunityParticipation,
    }.Select(d => JsonNamingPolicy.KebabCaseLower.ConvertName(d.ToString())).ToArray();

    public static StoryStep Intake(DateTimeOffset at, int @case, Guid resident) => Step(at, @case, resident, "intake", Scores(@case).Intake);

    public static StoryStep Evaluation(DateTimeOffset at, int @case, Guid resident) => Step(at, @case, resident, "evaluation", Scores(@case).Evaluation);

    private static StoryStep Step(DateTimeOffset at, int @case, Guid resident, string moment, Score[] domains) =>
        new(at, @case, "measurements", _ => new { participantId = resident, moment, measuredOn = DateOnly.FromDateTime(at.UtcDateTime), domains });

    private static (Score[] Intake, Score[] Evaluation) Scores(int @case)
    {
        var random = new Random(@case);
        var domains = LifeDomains.OrderBy(_ => random.Next()).Take(3 + random.Next(3)).ToArray();
        var intake = domains.Select(domain =>
        {
            var professional = 50 + random.Next(21);
            var own = 10 + random.Next(21);
            return new Score(domain, 1 + random.Next(3), own, 100 - professional - own, professional);
        }).ToArray();
        var evaluation = intake.Select(first =>
        {
            var chance = random.NextDouble();
            var step = chance < 0.15 ? 2 : chance < 0.65 ? 1 : chance < 0.88 ? 0 : -1;
            var professional = Math.Max(0, first.ProfessionalShare - 15 - random.Next(21));
            var own = first.OwnShare + 5 + random.Next(11);
            return first with { Level = Math.Clamp(first.Level + step, 1, 5), OwnShare = own, NetworkShare = 100 - professional - own, ProfessionalShare = professional };
        }).ToArray();
        return (intake, evaluation);
    }
}
