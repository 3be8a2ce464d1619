using System.Text;
using Participation.Domain.Cases;

namespace Participation.Projections.Progress;

/// <summary>
/// One citizen network of a tenant, as its cases connect to it: which cases, which participants.
/// Identified by its <see cref="NetworkKeys.Of">normalized name</see>, so "Winkeliers  Slotermeerlaan"
/// and "winkeliers slotermeerlaan" are one network.
/// </summary>
public sealed class NetworkReach
{
    public string Id { get; set; } = "";

    /// <summary>The name and kind as first connected.</summary>
    public string Name { get; set; } = "";
    public NetworkKind Kind { get; set; }

    public int Connections { get; set; }
    public DateTimeOffset FirstConnectedAt { get; set; }
    public DateTimeOffset LastConnectedAt { get; set; }

    /// <summary>Each connected case, with the participants connected through this network.</summary>
    public List<NetworkCase> Cases { get; set; } = [];
}

public sealed record NetworkCase(Guid CaseId, IReadOnlyList<Guid> ParticipantIds);

public static class NetworkKeys
{
    /// <summary>Case- and spacing-insensitive identity of a network name (Unicode-normalized, so "ë" is "ë" however typed).</summary>
    public static string Of(string name)
    {
        var words = name.Normalize(NormalizationForm.FormC).ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', words);
    }
}
