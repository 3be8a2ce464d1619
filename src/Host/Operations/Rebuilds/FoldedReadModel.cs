using System.Collections.Frozen;
using JasperFx.Events;
using Participation.Domain.Cases;
using Participation.Projections;
using Participation.Projections.Cases;
using Participation.Projections.Rows;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// A read model whose documents a stream's events make without reading anything else, so a rebuild can fold each stream
/// in memory and copy each of its tables once (<see cref="FoldedRebuild"/>, ADR 38).
/// </summary>
public interface IFoldedReadModel
{
    /// <summary>The projection's name, as <c>projections rebuild -p</c> takes it.</summary>
    string Projection { get; }

    /// <summary>The document types it writes, a table each.</summary>
    IReadOnlyList<Type> Documents { get; }

    /// <summary>The stored names of the events the fold reads, and their types; any other event of the store is never read.</summary>
    IReadOnlyDictionary<string, Type> Events { get; }

    /// <summary>A fold of one stream, handed its events in version order.</summary>
    IStreamFold Start();
}

public interface IStreamFold
{
    void Apply(IEvent e);

    /// <summary>The documents the stream's events made, with their ids and revisions (<c>mt_version</c>, as Marten's projection stores it).</summary>
    IEnumerable<(Guid Id, object Document, long Revision)> Results { get; }
}

/// <summary>The read models rebuilt by folding (the others are rebuilt by Marten's daemon, <c>projections rebuild</c>).</summary>
public static class FoldedReadModels
{
    private static readonly FrozenDictionary<string, Type> CaseEvents = CaseEventTypes.All.ToFrozenDictionary(t => t.Name, t => t.Type);

    public static readonly IReadOnlyList<IFoldedReadModel> All =
    [
        new CaseState(),
        new CaseRows<CaseSummary>(new CaseSummaryProjection()),
        new CaseRows<CaseDetailsHead>(new CaseDetailsRowsProjection()),
    ];

    public static IFoldedReadModel? Named(string projection) => All.FirstOrDefault(m => m.Projection == projection);

    /// <summary>The decision state: one document per case, its revision the stream's version, as a snapshot's.</summary>
    private sealed class CaseState : IFoldedReadModel
    {
        public string Projection => nameof(Case);
        public IReadOnlyList<Type> Documents => [typeof(Case)];
        public IReadOnlyDictionary<string, Type> Events => CaseEvents;
        public IStreamFold Start() => new Fold();

        private sealed class Fold : IStreamFold
        {
            private Case? _state;
            private Guid _stream;

            public void Apply(IEvent e) => (_state, _stream) = (CaseStateProjection.Fold(_state, e.Data, e.Version), e.StreamId);

            public IEnumerable<(Guid, object, long)> Results => _state is null ? [] : [(_stream, _state, _state.Version)];
        }
    }

    /// <summary>A read model kept in rows (<see cref="CaseRowProjection{THead}"/>): each row inserted once, revision 1, as Marten's insert.</summary>
    private sealed class CaseRows<THead>(CaseRowProjection<THead> projection) : IFoldedReadModel where THead : class
    {
        public string Projection => projection.Name;
        public IReadOnlyList<Type> Documents => projection.Rows;
        public IReadOnlyDictionary<string, Type> Events => CaseEvents;
        public IStreamFold Start() => new Fold(projection);

        private sealed class Fold(CaseRowProjection<THead> projection) : IStreamFold
        {
            private readonly RowBatch _rows = RowBatch.InMemory();

            public void Apply(IEvent e) => projection.Apply(_rows, e);

            public IEnumerable<(Guid, object, long)> Results => _rows.Inserted.Select(row => (row.Id, row.Row, 1L));
        }
    }
}
