using Npgsql;

namespace Participation.Host.Http;

/// <summary>A statement of an <see cref="NpgsqlBatch"/> with positional parameters (<c>$1</c>, <c>$2</c>, …) in the order given.</summary>
public static class BatchCommands
{
    public static NpgsqlBatchCommand Of(string sql, params IEnumerable<object> values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
