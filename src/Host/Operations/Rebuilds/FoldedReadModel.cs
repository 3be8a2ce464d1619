using System.Collections.Frozen;
using Participation.Domain.Cases;
using Participation.Projections.Cases;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// A read model kept as one document per stream and made by a pure fold of the stream's events (data and version alone),
/// so a rebuild can fold each stream in memory and copy the table once (<see cref="FoldedRebuild"/>, ADR 38).
/// </summary>
public interface IFoldedReadModel
{
    /// <summary>The projection's name, as <c>projections rebuild -p</c> takes it.</summary>
    string Projection { get; }

    Type Document { get; }

    /// <summary>The stored names of the events the fold reads, and their types; any other event of the store is never read.</summary>
    IReadOnlyDictionary<string, Type> Events { get; }

    /// <summary>A fold of one stream, handed its events in version order.</summary>
    IStreamFold Start();
}

public interface IStreamFold
{
    void Apply(Guid stream, object data, long version);

    /// <summary>The document the stream's events made, if they made one.</summary>
    object? Result { get; }

    /// <summary>The version of the last event applied: the document's revision, as Marten's projection stores it.</summary>
    long Version { get; }
}

public sealed class FoldedReadModel<TDoc>(string projection, IReadOnlyDictionary<string, Type> events, Func<TDoc?, Guid, object, long, TDoc?> fold)
    : IFoldedReadModel where TDoc : class
{
    public string Projection => projection;
    public Type Document => typeof(TDoc);
    public IReadOnlyDictionary<string, Type> Events => events;
    public IStreamFold Start() => new Fold(fold);

    private sealed class Fold(Func<TDoc?, Guid, object, long, TDoc?> fold) : IStreamFold
    {
        private TDoc? _doc;

        public void Apply(Guid stream, object data, long version)
        {
            _doc = fold(_doc, stream, data, version);
            Version = version;
        }

        public object? Result => _doc;
        public long Version { get; private set; }
    }
}

/// <summary>The read models rebuilt by folding (the others are rebuilt by Marten's daemon, <c>projections rebuild</c>).</summary>
public static class FoldedReadModels
{
    private static readonly FrozenDictionary<string, Type> CaseEvents = CaseEventTypes.All.ToFrozenDictionary(t => t.Name, t => t.Type);

    public static readonly IReadOnlyList<IFoldedReadModel> All =
    [
        new FoldedReadModel<Case>(nameof(Case), CaseEvents, (state, _, data, version) => CaseStateProjection.Fold(state, data, version)),
    ];

    public static IFoldedReadModel? Named(string projection) => All.FirstOrDefault(m => m.Projection == projection);
}
