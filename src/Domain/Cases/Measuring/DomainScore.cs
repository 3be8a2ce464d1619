namespace Participation.Domain.Cases.Measuring;

/// <summary>
/// One life domain of a measurement: the level (1 acute problem … 5 fully self-reliant) and, after the Krachtenwijzer, how
/// the support in it is divided over the person's own strength, their network and professional help (whole percentages adding up to 100).
/// </summary>
public sealed record DomainScore(LifeDomain Domain, int Level, int OwnShare, int NetworkShare, int ProfessionalShare);
