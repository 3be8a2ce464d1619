namespace Participation.Host.Tests.Support;

/// <summary>
/// Holds the commit of any transaction that appended to one stream for up to a minute (a deferred trigger that sleeps at
/// <c>COMMIT</c>), so a test can hang up on a command exactly while it commits. Disposing it lets commits through again.
/// </summary>
public sealed class SlowCommits : IAsyncDisposable
{
    private const string SleepWaitEvent = "PgSleep";
    private readonly string _schema;

    private SlowCommits(string schema) => _schema = schema;

    public static async Task<SlowCommits> Of(string schema, Guid streamId)
    {
        await Sql.ExecuteAsync($"""
            create table if not exists {schema}.test_slow_commit_streams (stream_id uuid primary key);
            insert into {schema}.test_slow_commit_streams values ('{streamId}') on conflict do nothing;
            create or replace function {schema}.test_slow_commit() returns trigger language plpgsql as $$
            begin
              if exists (select 1 from {schema}.test_slow_commit_streams where stream_id = new.stream_id) then perform pg_sleep(60); end if;
              return null;
            end $$;
            drop trigger if exists test_slow_commit on {schema}.mt_events;
            create constraint trigger test_slow_commit after insert on {schema}.mt_events
              deferrable initially deferred for each row execute function {schema}.test_slow_commit();
            """);
        return new SlowCommits(schema);
    }

    /// <summary>Until a transaction of the test database sleeps in its commit (30 s at most).</summary>
    public static async Task WaitUntilOneIsHeld()
    {
        for (var waited = 0; waited < 300; waited++)
        {
            if ((long)(await Sql.ScalarAsync(
                    $"select count(*) from pg_stat_activity where datname = current_database() and wait_event = '{SleepWaitEvent}'"))! > 0) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("No commit was held within 30 s.");
    }

    public async ValueTask DisposeAsync() => await Sql.ExecuteAsync($"""
        drop trigger if exists test_slow_commit on {_schema}.mt_events;
        drop function if exists {_schema}.test_slow_commit();
        drop table if exists {_schema}.test_slow_commit_streams;
        """);
}
