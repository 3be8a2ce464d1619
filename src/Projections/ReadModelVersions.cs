using Marten;
using Participation.Domain.Cases;
using Participation.Projections.Cases;

namespace Participation.Projections;

/// <summary>
/// The version of each read model a node writes (ADR 39). A read model's version is declared with its projection and raised
/// when what the projection writes changes; from version 2 on its tables carry the version in their names
/// (<c>mt_doc_casesummary_v2</c>), so that during a rolling upgrade nodes of two versions each write tables of their own
/// while the new version is built beside the old one. A setting may raise a version further (the upgrade test rolls a
/// version that way), never lower it: a node writes its own code's shape.
/// </summary>
public sealed class ReadModelVersions
{
    /// <summary>The versions the code declares, by projection name (as <c>projections rebuild -p</c> takes it).</summary>
    public static readonly IReadOnlyDictionary<string, int> Declared = new Dictionary<string, int>
    {
        [nameof(Case)] = CaseStateProjection.ReadModelVersion,
        [nameof(CaseSummary)] = CaseSummaryProjection.ReadModelVersion,
        [nameof(CaseDetails)] = CaseDetailsRowsProjection.ReadModelVersion,
    };

    private readonly IReadOnlyDictionary<string, int> _versions;

    public ReadModelVersions(IReadOnlyDictionary<string, int>? raised = null)
    {
        var versions = Declared.ToDictionary();
        foreach (var (projection, version) in raised ?? new Dictionary<string, int>())
        {
            if (!versions.TryGetValue(projection, out var declared))
                throw new ArgumentException($"{projection} is not a versioned read model (known: {string.Join(", ", Declared.Keys)}).");
            if (version < declared)
                throw new ArgumentException($"{projection} is version {declared} in this build; a setting may raise it, not lower it to {version}.");
            versions[projection] = version;
        }
        _versions = versions;
    }

    public int Of(string projection) => _versions[projection];

    /// <summary>Marten's alias of a document at a version: its own below version 2, with the version after it from there.</summary>
    private static string Alias(Type document, int version) => document.Name.ToLowerInvariant() + (version < 2 ? "" : $"_v{version}");

    /// <summary>The name of a document's table at a version.</summary>
    public static string TableName(Type document, int version) => $"mt_doc_{Alias(document, version)}";

    /// <summary>The table of a document of a projection at this node's version.</summary>
    public string TableOf(string projection, Type document) => TableName(document, Of(projection));

    /// <summary>Names the tables of a projection's documents after this node's version of it.</summary>
    public void NameTables(StoreOptions options, string projection, IEnumerable<Type> documents)
    {
        var version = Of(projection);
        if (version < 2) return;
        var versioned = documents.ToHashSet();
        options.Policies.ForAllDocuments(mapping =>
        {
            if (versioned.Contains(mapping.DocumentType)) mapping.Alias = Alias(mapping.DocumentType, version);
        });
    }
}
