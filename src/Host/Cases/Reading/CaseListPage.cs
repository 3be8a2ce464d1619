using Marten;
using Npgsql;
using Participation.Projections.Cases;

namespace Participation.Host.Cases.Reading;

/// <summary>
/// A page of the list and what its total is taken from, read in one round trip (ADR 20): Marten writes the page's
/// statement (<c>ToCommand</c>), an <see cref="NpgsqlBatch"/> sends it together with the total's
/// (<see cref="CaseListTotal.Statement"/>), and the rows are read with the store's serializer.
/// </summary>
public static class CaseListPage
{
    public static async Task<(List<CaseSummary> Rows, CaseListTotal.Counted Counted)> Read(IQuerySession session, NpgsqlDataSource dataSource,
        IQueryable<CaseSummary> page, (NpgsqlBatchCommand Command, bool FromFigures) total, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Statement(page));
        batch.BatchCommands.Add(total.Command);

        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        var serializer = session.DocumentStore.Options.Serializer();
        var rows = new List<CaseSummary>();
        var data = reader.GetOrdinal("data");
        while (await reader.ReadAsync(cancellation)) rows.Add(serializer.FromJson<CaseSummary>(reader, data));
        await reader.NextResultAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return (rows, new CaseListTotal.Counted(reader.GetInt64(0), total.FromFigures));
    }

    /// <summary>Marten's statement for <paramref name="query"/> as a statement of a batch, optionally inside <paramref name="around"/>.</summary>
    public static NpgsqlBatchCommand Statement<T>(IQueryable<T> query, Func<string, string>? around = null) where T : notnull
    {
        using var command = query.ToCommand();
        var statement = new NpgsqlBatchCommand(around is null ? command.CommandText : around(command.CommandText.TrimEnd(';', ' ')));
        foreach (NpgsqlParameter parameter in command.Parameters) statement.Parameters.Add(parameter.Clone());
        return statement;
    }
}
