namespace Participation.Host.Operations.Seeding;

/// <summary>The seed's clock: the server's time as each step of the story happens, so the demo data has a past.</summary>
public sealed class StoryClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _ticks, at.UtcTicks);
}
