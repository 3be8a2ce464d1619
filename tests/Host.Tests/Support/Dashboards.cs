using System.Text.Json.Nodes;

namespace Participation.Host.Tests.Support;

/// <summary>Comparing dashboards taken at different moments.</summary>
public static class Dashboards
{
    /// <summary>The dashboard without the moment it was computed at.</summary>
    public static string WithoutAsOf(string dashboard)
    {
        var figures = JsonNode.Parse(dashboard)!.AsObject();
        figures.Remove("asOf");
        return figures.ToJsonString();
    }
}
