using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Participation.Bench;

/// <summary>One webhook request: the CloudEvent's id, case, version and <c>time</c> (the commit), when it arrived and what it was answered.</summary>
public sealed record Arrival(Guid EventId, Guid CaseId, long Version, DateTimeOffset Committed, DateTimeOffset At, int Answer);

/// <summary>A request as it came in, so the baseline can post the same bytes with the same headers.</summary>
public sealed record SampleRequest(byte[] Body, string ContentType, IReadOnlyList<KeyValuePair<string, string>> WebhookHeaders);

/// <summary>One callback path of the receiver: what it answers (switchable while running) and every request it got.</summary>
public sealed class Hook(Uri url)
{
    private volatile int answer = 200;
    private readonly ConcurrentDictionary<Guid, byte> delivered = new();

    public Uri Url { get; } = url;
    public int Answer { get => answer; set => answer = value; }
    public ConcurrentQueue<Arrival> Arrivals { get; } = new();
    public SampleRequest? Sample { get; set; }
    public int Received => Arrivals.Count;
    /// <summary>Distinct events answered 2xx: a redelivery of one already answered is not counted twice.</summary>
    public int Delivered => delivered.Count;

    public void Record(Arrival arrival)
    {
        Arrivals.Enqueue(arrival);
        if (arrival.Answer is >= 200 and < 300) delivered.TryAdd(arrival.EventId, 0);
    }
}

/// <summary>
/// An integrator's endpoint on loopback (Kestrel inside the benchmark process): it parses each CloudEvent, records
/// its arrival and answers at once with the status its path is set to, so what is measured is the delivery path.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Hook> hooks = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook/{name}", receiver.Receive);
        await app.StartAsync();
        return receiver;
    }

    private Uri BaseAddress => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A fresh callback path, answering 200 until told otherwise.</summary>
    public Hook NewHook(string name)
    {
        var path = $"{name}-{Guid.NewGuid():N}";
        return hooks[path] = new Hook(new Uri(BaseAddress, "/hook/" + path));
    }

    private async Task Receive(HttpContext http, string name)
    {
        var at = DateTimeOffset.UtcNow;
        if (!hooks.TryGetValue(name, out var hook))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        using var cloudEvent = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        var root = cloudEvent.RootElement;
        var data = root.GetProperty("data");
        var answer = hook.Answer;
        hook.Record(new Arrival(Guid.Parse(root.GetProperty("id").GetString()!), data.GetProperty("caseId").GetGuid(), data.GetProperty("version").GetInt64(),
            root.GetProperty("time").GetDateTimeOffset(), at, answer));
        hook.Sample ??= new SampleRequest(body.ToArray(), http.Request.ContentType ?? "",
            http.Request.Headers.Where(h => h.Key.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase))
                .Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())).ToList());
        http.Response.StatusCode = answer;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
