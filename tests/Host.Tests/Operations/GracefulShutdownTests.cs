using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>
/// The published Host in Production, stopped with <c>SIGTERM</c> as Kubernetes stops a pod, while a slow client downloads
/// the audit export and a command's body is still arriving.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const string Schema = "shutdown_tests";
    private const int Cases = 200;
    // Texts at their longest make each case_opened line of the audit export about 8 KB: 200 of them are 1.7 MB, far more
    // than the server's buffers hold for a client on a slow line (SlowLine), so the export runs as long as the client reads.
    private static readonly object LongCase = new
    {
        domain = "sport", neighbourhood = new { code = "E38", name = "Slotermeer-Noordoost", district = "Nieuw-West" },
        title = "Voetbal op het plein", description = new string('d', 4000), goal = new string('g', 4000),
    };

    [Fact]
    public async Task Sigterm_takes_the_host_out_of_rotation_then_finishes_the_export_and_the_command_in_flight_releases_its_node_and_exits_0()
    {
        await using var host = await StartAsync(drainDelay: TimeSpan.FromSeconds(3), timeout: TimeSpan.FromSeconds(20));
        using var client = Client(host.Address);
        var opened = await OpenCasesAsync(client);
        Assert.Equal(1L, await Sql.ScalarAsync($"select count(*) from {Schema}.wolverine_nodes"));

        using var slowLine = SlowLine(host.Address);
        var export = SlowDownload.Start(slowLine, "/api/audit/export");
        await export.Started;
        using var commandLine = Client(host.Address, new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) });
        var body = new HeldBackJson(JsonSerializer.Serialize(LongCase));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = body, Headers = { ExpectContinue = true } };
        var command = commandLine.SendAsync(post);
        Assert.Same(body.Asked, await Task.WhenAny(body.Asked, command));

        host.Terminate();

        await host.WaitForOutputAsync(new Regex("Shutting down: .*"), TimeSpan.FromSeconds(30));
        Assert.Contains("2 request(s) in flight", host.Output);
        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var shutdown = (await ready.Content.ReadFromJsonAsync<JsonNode>())!["checks"]!.AsArray().Single(c => (string?)c!["name"] == "shutdown")!;
            Assert.Equal(("Unhealthy", "Shutting down."), ((string?)shutdown["status"], (string?)shutdown["description"]));
        }
        using (var stillServed = await client.GetAsync("/api/cases")) Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);

        await RefusesConnectionsAsync(host.Address);
        var readWhenRefused = export.BytesRead;
        body.Finish();
        using var created = await command;
        export.Hurry();
        var exported = Encoding.UTF8.GetString(await export.Body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(created.Headers.ConnectionClose, "A request answered after the host stopped listening closes its connection.");
        Assert.True(readWhenRefused < exported.Length, $"The export was read whole ({exported.Length} bytes) before the host stopped listening.");
        Assert.EndsWith("\n", exported);
        var lines = exported.TrimEnd('\n').Split('\n').Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(opened.Order(), lines.Select(line => (Guid)line["caseId"]!).Order());
        Assert.All(lines, line => Assert.Equal("case_opened", (string?)line["type"]));

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Matches(@"Shut down in [\d.]+ s: every request finished", host.Output);
        var newCase = (Guid)(await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!;
        Assert.Equal(1L, await Sql.ScalarAsync($"select count(*) from {Schema}.mt_streams where id = '{newCase}'"));
        // Wolverine removed this node and its agent assignments: the other nodes take its agents over at the leader's next
        // check, without waiting for its heartbeat to go stale.
        Assert.Equal(0L, await Sql.ScalarAsync($"select count(*) from {Schema}.wolverine_nodes"));
        Assert.Equal(0L, await Sql.ScalarAsync($"select count(*) from {Schema}.wolverine_node_assignments"));
    }

    [Fact]
    public async Task A_request_still_running_after_the_timeout_is_aborted_and_the_host_still_exits_0()
    {
        await using var host = await StartAsync(drainDelay: TimeSpan.Zero, timeout: TimeSpan.FromSeconds(1));
        using var client = Client(host.Address);
        await OpenCasesAsync(client);
        using var slowLine = SlowLine(host.Address);
        // A client that stops reading: the export waits on it until the timeout.
        var export = SlowDownload.Start(slowLine, "/api/audit/export", stalled: true);
        await export.Started;

        host.Terminate();

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        export.Hurry();
        await Assert.ThrowsAnyAsync<IOException>(() => export.Body);
        Assert.Contains("1 request(s) still running after Shutdown:Timeout (00:00:01) were aborted", host.Output);
    }

    private static async Task<HostProcess> StartAsync(TimeSpan drainDelay, TimeSpan timeout)
    {
        await Sql.ExecuteAsync($"drop schema if exists {Schema} cascade");
        return await HostProcess.StartAsync(Schema, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Auth__SigningKey"] = ProductionHostFixture.SigningKey,
            ["Audit__SealKey"] = "shutdown-test-seal-key-0123456789-abcdefghijklmnop",
            ["Privacy__MasterKey"] = ProductionHostFixture.MasterKey,
            ["Shutdown__DrainDelay"] = drainDelay.ToString(),
            ["Shutdown__Timeout"] = timeout.ToString(),
        });
    }

    private static async Task<List<Guid>> OpenCasesAsync(HttpClient client)
    {
        var opened = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, cancellation) =>
        {
            using var response = await client.PostAsJsonAsync("/api/cases", LongCase, cancellation);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            opened.Add((Guid)(await response.Content.ReadFromJsonAsync<JsonNode>(cancellation))!["id"]!);
        });
        return [.. opened];
    }

    private static async Task RefusesConnectionsAsync(Uri address)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(address.Host, address.Port, patience.Token);
            }
            // A connection that reached the closing listener's backlog is reset rather than refused: no longer accepted either way.
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                return;
            }
            await Task.Delay(50, patience.Token);
        }
    }

    private static HttpClient Client(Uri address, HttpMessageHandler? handler = null)
    {
        var token = new TokenIssuer(new JwtSettings { SigningKey = ProductionHostFixture.SigningKey }, TimeProvider.System)
            .Issue("anna", "amsterdam", [Roles.Caseworker, Roles.Auditor]);
        return new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = address, DefaultRequestHeaders = { Authorization = new("Bearer", token) } };
    }

    /// <summary>
    /// A client on a slow line: a 4 KB receive window, and segments of 1,000 bytes (loopback's are 64 KB), which keeps the
    /// server's kernel from growing its send buffer to megabytes. What the client has not read stays with the server.
    /// </summary>
    private static HttpClient SlowLine(Uri address) => Client(address, new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellation) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
            socket.SetRawSocketOption(IpProtocolTcp, TcpMaxSegment, BitConverter.GetBytes(1000));
            await socket.ConnectAsync(context.DnsEndPoint, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        },
    });

    private const int IpProtocolTcp = 6, TcpMaxSegment = 2; // Linux's IPPROTO_TCP and TCP_MAXSEG

    /// <summary>Reads a response 1 KB at a time with a pause after each (or, stalled, not at all) until told to hurry.</summary>
    private sealed class SlowDownload
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _hurry = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _bytesRead;

        private SlowDownload(HttpClient client, string url, bool stalled) => Body = ReadAsync(client, url, stalled);

        /// <summary>Once the first bytes arrived: the export is running on the server.</summary>
        public Task Started => Task.WhenAny(_started.Task, Body).Unwrap();
        public Task<byte[]> Body { get; }
        public long BytesRead => Interlocked.Read(ref _bytesRead);

        public static SlowDownload Start(HttpClient client, string url, bool stalled = false) => new(client, url, stalled);

        public void Hurry() => _hurry.TrySetResult();

        private async Task<byte[]> ReadAsync(HttpClient client, string url, bool stalled)
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            var body = new MemoryStream();
            var buffer = new byte[1024];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                body.Write(buffer, 0, read);
                Interlocked.Add(ref _bytesRead, read);
                _started.TrySetResult();
                if (stalled) await _hurry.Task;
                else if (!_hurry.Task.IsCompleted) await Task.Delay(10);
            }
            return body.ToArray();
        }
    }

    /// <summary>
    /// A JSON body that starts only when the server asks for it (<c>Expect: 100-continue</c>, so the endpoint is already
    /// running) and keeps arriving, as padding, until <see cref="Finish"/>: a command in flight.
    /// </summary>
    private sealed class HeldBackJson(string json) : HttpContent
    {
        private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Asked => _asked.Task;

        public void Finish() => _finish.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            _asked.TrySetResult();
            // Above Kestrel's minimum request body rate (240 bytes/s), which would otherwise end the request with 408.
            var padding = Encoding.UTF8.GetBytes(new string(' ', 64));
            while (!_finish.Task.IsCompleted)
            {
                await stream.WriteAsync(padding);
                await stream.FlushAsync();
                await Task.WhenAny(_finish.Task, Task.Delay(100));
            }
            await stream.WriteAsync(Encoding.UTF8.GetBytes(json));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
