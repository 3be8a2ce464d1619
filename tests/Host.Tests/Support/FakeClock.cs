namespace Participation.Host.Tests.Support;

/// <summary>
/// A clock that stands still until a test moves it, forward or back: the host's <see cref="TimeProvider"/> in
/// clock-controlled fixtures. Not .NET's FakeTimeProvider, which refuses to go back in time: the progress
/// stories share one host, and each sets the clock back to its own first day.
/// </summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
