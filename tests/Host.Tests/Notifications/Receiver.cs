using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Participation.Host.Tests.Notifications;

/// <summary>One webhook request as the receiver got it.</summary>
public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    public JsonNode Event => JsonNode.Parse(Body)!;
    /// <summary>The case (or, for a network's event, the network) the event belongs to: its <c>subject</c>.</summary>
    public Guid CaseId => Guid.Parse((string)Event["subject"]!);
    public long Version => (long)Event["data"]!["version"]!;
    public string Type => (string)Event["data"]!["type"]!;
}

/// <summary>
/// A real HTTP receiver on loopback (Kestrel, inside the test): every request is recorded, and each path answers
/// as its test tells it (a status, a delay, or a script of statuses), like an integrator's endpoint would.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, Func<Received, Task<(int Status, string? RetryAfter)>>> _behaviour = new();

    private Receiver(WebApplication app) => _app = app;

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.MapPost("/{**path}", receiver.Receive);
        await app.StartAsync();
        return receiver;
    }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A fresh path of this receiver, answering 200 until told otherwise.</summary>
    public string NewCallback(out string path)
    {
        path = "/hook/" + Guid.NewGuid().ToString("N");
        return new Uri(BaseAddress, path).ToString();
    }

    public void Answer(string path, Func<Received, Task<(int Status, string? RetryAfter)>> answer) => _behaviour[path] = answer;

    public void Answer(string path, int status, string? retryAfter = null) => Answer(path, _ => Task.FromResult((status, retryAfter)));

    /// <summary>Holds every request to <paramref name="path"/> open, unanswered, until its sender gives up on it.</summary>
    public void Hang(string path) => _hanging[path] = true;

    /// <summary>The requests <see cref="Hang"/> held at <paramref name="path"/>: when each arrived and when its sender gave up.</summary>
    public IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Held(string path) =>
        _held.Where(h => h.Path == path).Select(h => (h.From, h.To)).ToList();

    private readonly ConcurrentDictionary<string, bool> _hanging = new();
    private readonly ConcurrentQueue<(string Path, DateTimeOffset From, DateTimeOffset To)> _held = new();

    /// <summary>Answers the given statuses to the first requests, then 200.</summary>
    public void AnswerInTurn(string path, params int[] statuses)
    {
        var turn = 0;
        Answer(path, _ => Task.FromResult((Interlocked.Increment(ref turn) - 1 is var i && i < statuses.Length ? statuses[i] : 200, (string?)null)));
    }

    public IReadOnlyList<Received> At(string path) => _received.Where(r => r.Path == path).ToList();

    /// <summary>The requests answered 2xx at <paramref name="path"/>, in arrival order.</summary>
    public IReadOnlyList<Received> Accepted(string path) => _accepted.Where(r => r.Path == path).ToList();

    private readonly ConcurrentQueue<Received> _accepted = new();

    /// <summary>Waits until <paramref name="condition"/> holds for what <paramref name="path"/> accepted, or fails after the timeout.</summary>
    public async Task<IReadOnlyList<Received>> WaitFor(string path, Func<IReadOnlyList<Received>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var accepted = Accepted(path);
            if (condition(accepted)) return accepted;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"{path}: {accepted.Count} accepted, {At(path).Count} received; the condition did not hold.");
            await Task.Delay(50);
        }
    }

    private async Task Receive(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var received = new Received(http.Request.Path, http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            await reader.ReadToEndAsync(), DateTimeOffset.UtcNow);
        _received.Enqueue(received);
        if (_hanging.ContainsKey(received.Path))
        {
            try { await Task.Delay(Timeout.Infinite, http.RequestAborted); }
            catch (OperationCanceledException) { }
            _held.Enqueue((received.Path, received.At, DateTimeOffset.UtcNow));
            return;
        }
        var (status, retryAfter) = _behaviour.TryGetValue(received.Path, out var answer) ? await answer(received) : (200, null);
        if (status is >= 200 and < 300) _accepted.Enqueue(received);
        if (retryAfter is not null) http.Response.Headers.RetryAfter = retryAfter;
        http.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
