using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace Participation.Host.Privacy;

/// <summary>
/// A value serialized into pooled segments rather than one array: a long case history runs to
/// megabytes, and an array that size lands on the large-object heap, whose collections cost more
/// than the serialization itself. Dispose returns the segments.
/// </summary>
public sealed class PooledJson : IDisposable
{
    private const int SegmentSize = 64 * 1024; // below the large-object threshold
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: SegmentSize, useSynchronizationContext: false));

    private PooledJson() { }

    public ReadOnlySequence<byte> Bytes { get; private set; }

    public static async Task<PooledJson> SerializeAsync<T>(T value, JsonSerializerOptions options)
    {
        var json = new PooledJson();
        await using (var writer = new Utf8JsonWriter(json._pipe.Writer, new JsonWriterOptions
            { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth }))
        {
            JsonSerializer.Serialize(writer, value, options);
        }
        await json._pipe.Writer.FlushAsync();
        await json._pipe.Writer.CompleteAsync();
        json.Bytes = json._pipe.Reader.TryRead(out var read) ? read.Buffer : ReadOnlySequence<byte>.Empty;
        return json;
    }

    public void Dispose() => _pipe.Reader.Complete();
}
