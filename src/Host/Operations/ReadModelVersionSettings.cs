using Participation.Projections;

namespace Participation.Host.Operations;

public static class ReadModelVersionSettings
{
    public const string Section = "ReadModels:Versions";

    /// <summary>This node's version of each read model (ADR 39): the code's, raised where <c>ReadModels:Versions:&lt;projection&gt;</c> says so.</summary>
    public static ReadModelVersions ReadModelVersions(this IConfiguration configuration) =>
        new(configuration.GetSection(Section).GetChildren().ToDictionary(c => c.Key, c => int.Parse(c.Value!, System.Globalization.CultureInfo.InvariantCulture)));
}
