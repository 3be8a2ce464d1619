using Marten;
using Npgsql;

namespace Participation.Host.Http;

/// <summary>
/// A page of a list and one number about it (its total, or what the total is taken from), read in one round trip (ADR 20):
/// Marten writes each statement (<c>ToCommand</c> of the LINQ query), an <see cref="NpgsqlBatch"/> sends them together,
/// and the rows are read with the store's serializer. Marten's own batch query does not take an <see cref="IQueryable"/>,
/// and writing a list's filters and sorts a second time for its batch API would be a twin.
/// </summary>
public static class BatchedPage
{
    /// <summary>The page's documents, from a statement that answers them in a column <c>data</c> as Marten's do (<see cref="Statement{T}"/>), and the number.</summary>
    public static async Task<(List<T> Rows, long Number)> Read<T>(IQuerySession session, NpgsqlDataSource dataSource, NpgsqlBatchCommand page,
        NpgsqlBatchCommand number, CancellationToken cancellation) where T : notnull
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(page);
        batch.BatchCommands.Add(number);

        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        var serializer = session.DocumentStore.Options.Serializer();
        var rows = new List<T>();
        var data = reader.GetOrdinal("data");
        while (await reader.ReadAsync(cancellation)) rows.Add(serializer.FromJson<T>(reader, data));
        await reader.NextResultAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return (rows, reader.GetInt64(0));
    }

    /// <summary>How many rows <paramref name="matches"/> answers, counted as one statement of a batch.</summary>
    public static NpgsqlBatchCommand Count<T>(IQueryable<T> matches) where T : notnull =>
        Statement(matches, select => $"select count(*) from ({select}) as matches");

    /// <summary>Marten's statement for <paramref name="query"/> as a statement of a batch, optionally inside <paramref name="around"/>.</summary>
    public static NpgsqlBatchCommand Statement<T>(IQueryable<T> query, Func<string, string>? around = null) where T : notnull
    {
        using var command = query.ToCommand();
        var statement = new NpgsqlBatchCommand(around is null ? command.CommandText : around(command.CommandText.TrimEnd(';', ' ')));
        foreach (NpgsqlParameter parameter in command.Parameters) statement.Parameters.Add(parameter.Clone());
        return statement;
    }
}
