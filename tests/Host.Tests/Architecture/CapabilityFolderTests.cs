using System.Text.RegularExpressions;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Architecture;

/// <summary>
/// The Host's top folders are its capabilities (Cases, Networks, Audit, Privacy, Progress, Insights, FollowUp, Notifications, Retention) and its two technical
/// layers (Http, Operations), plus Security and Pages (serving the front end). They may use one another only through each other's top
/// namespace, and never in a loop.
/// </summary>
public sealed partial class CapabilityFolderTests
{
    private static readonly string Host = Path.Combine(TestDatabase.RepositoryRoot(), "src", "Host");

    [Fact]
    public void The_host_has_no_catch_all_folder()
    {
        Assert.False(Directory.Exists(Path.Combine(Host, "Infrastructure")));
        Assert.Equal(["Audit", "Cases", "FollowUp", "Http", "Insights", "Networks", "Notifications", "Operations", "Pages", "Privacy", "Progress", "Retention", "Security"],
            Directory.GetDirectories(Host).Select(Path.GetFileName).Where(d => d is not ("bin" or "obj" or "Internal" or "Properties")).Order());
    }

    [Fact]
    public void No_folder_reaches_into_another_folders_subfolders()
    {
        var reaches = References().Where(r => r.From != r.To && r.Namespace.Split('.').Length > 3).Select(r => $"{r.File} uses {r.Namespace}").Distinct();

        Assert.Empty(reaches);
    }

    [Fact]
    public void The_folders_depend_on_each_other_without_loops()
    {
        var uses = References().Where(r => r.From != r.To).GroupBy(r => r.From).ToDictionary(g => g.Key, g => g.Select(r => r.To).ToHashSet());
        Assert.Superset(new HashSet<string> { "Http", "Privacy", "Security" }, uses["Cases"]);
        var loops = new List<string>();
        foreach (var start in uses.Keys)
            Walk(start, [start], uses, loops);

        Assert.Empty(loops);
    }

    private static void Walk(string at, List<string> path, Dictionary<string, HashSet<string>> uses, List<string> loops)
    {
        foreach (var next in uses.GetValueOrDefault(at) ?? [])
        {
            if (next == path[0]) loops.Add(string.Join(" → ", path.Append(next)));
            else if (!path.Contains(next)) Walk(next, [.. path, next], uses, loops);
        }
    }

    private sealed record Reference(string File, string From, string To, string Namespace);

    /// <summary>Every use of a Host namespace (using directive or qualified name) in the Host's own code, by folder.</summary>
    private static IEnumerable<Reference> References() =>
        from file in Directory.GetFiles(Host, "*.cs", SearchOption.AllDirectories)
        let relative = Path.GetRelativePath(Host, file)
        where !relative.StartsWith("obj", StringComparison.Ordinal) && !relative.StartsWith("bin", StringComparison.Ordinal)
              && !relative.StartsWith("Internal", StringComparison.Ordinal) && relative.Contains(Path.DirectorySeparatorChar)
        let folder = relative.Split(Path.DirectorySeparatorChar)[0]
        from match in HostNamespace().Matches(File.ReadAllText(file))
        let ns = match.Groups[1].Value
        where !match.Value.StartsWith("namespace", StringComparison.Ordinal)
        select new Reference(relative, folder, ns.Split('.')[2], ns);

    [GeneratedRegex(@"(?:namespace |using |\b)(Participation\.Host\.[A-Z]\w*(?:\.[A-Z]\w*)*)")]
    private static partial Regex HostNamespace();
}
