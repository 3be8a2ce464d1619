using Microsoft.Extensions.Caching.Memory;

namespace Participation.Host.Audit.Seals;

/// <summary>
/// The seal of each stream's newest event as this node committed it, so the next append to that
/// stream can continue the chain without reading the event back. An entry only answers for the exact
/// version the caller found in the stream, so a stream another node appended to simply misses.
/// </summary>
public sealed class SealChainHeads
{
    public const int Capacity = 100_000;

    private sealed record Head(long Version, string Seal);

    private readonly MemoryCache _heads = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private static readonly MemoryCacheEntryOptions OneSlot = new() { Size = 1 };

    public string? SealOf(string tenantId, Guid streamId, long version) =>
        _heads.TryGetValue((tenantId, streamId), out Head? head) && head!.Version == version ? head.Seal : null;

    /// <summary>Called after the transaction that wrote the event committed, never before.</summary>
    public void Committed(string tenantId, Guid streamId, long version, string seal) =>
        _heads.Set((tenantId, streamId), new Head(version, seal), OneSlot);
}
