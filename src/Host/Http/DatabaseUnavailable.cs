using Npgsql;

namespace Participation.Host.Http;

/// <summary>
/// Whether an exception means PostgreSQL cannot be reached for now (down, restarting, refusing connections, the
/// pool waiting in vain): the request is answered 503 with <c>Retry-After</c>, since retrying later will work.
/// Only transient failures count; a query error is still a bug and stays a 500.
/// </summary>
public static class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                                                      || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300":
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
            }
        }
        return false;
    }
}
