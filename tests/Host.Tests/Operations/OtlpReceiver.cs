using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Participation.Host.Tests.Operations;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP intake on loopback: keeps every export request as it arrived. Protobuf keeps
/// strings as plain UTF-8, so a test can look for attribute names and values (and for what must never be there) in the bytes.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._exports.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public string Endpoint => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>Everything received for a signal (<c>traces</c>, <c>metrics</c>, <c>logs</c>), as one text to search in.</summary>
    public string Text(string signal) =>
        string.Join('\n', _exports.Where(e => e.Signal == signal).Select(e => Encoding.UTF8.GetString(e.Body)));

    public string AllText => string.Join('\n', _exports.Select(e => Encoding.UTF8.GetString(e.Body)));

    public async Task<string> WaitFor(string signal, Func<string, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = Text(signal);
            if (condition(text)) return text;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No {signal} export with {what} within 30 s ({_exports.Count(e => e.Signal == signal)} {signal} exports).");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A string attribute as OTLP's protobuf encodes it (<c>KeyValue{key, value: AnyValue{string_value}}</c>), to find
    /// in <see cref="Text"/>: the key and that exact value, not one of them somewhere else. Both shorter than 128 bytes.
    /// </summary>
    public static string Attribute(string key, string value)
    {
        string Field(int tag, string content) => $"{(char)tag}{(char)Encoding.UTF8.GetByteCount(content)}{content}";
        return Field(0x0A, key) + Field(0x12, Field(0x0A, value));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
