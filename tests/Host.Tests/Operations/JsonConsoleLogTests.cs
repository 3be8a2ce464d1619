using System.Net;
using System.Text.Json;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>
/// The Host in a process of its own with <c>Logging:Console:FormatterName=json</c>, as a log shipper reads it: every line
/// one JSON object, and a request's lines carry the trace id the caller sent.
/// </summary>
public sealed class JsonConsoleLogTests
{
    [Fact]
    public async Task Every_line_is_a_json_object_and_a_requests_lines_carry_its_trace_id()
    {
        await using var host = await HostProcess.StartAsync("json_console_log_tests", new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            // The committed handler code: a loaded machine compiling it at run time would only make the test slow.
            ["Wolverine__CodeGeneration"] = "Static",
            ["Logging__LogLevel__Microsoft.AspNetCore.HttpLogging"] = "Information",
        });
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        // No propagator: a trace another test starts in this process (its telemetry) must not replace the traceparent sent here.
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = host.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases?q=Zeynep");
        request.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(BitConverter.GetBytes(42L))}-01");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var accessLine = await host.WaitForOutputAsync(new(@"^\{.*Microsoft\.AspNetCore\.HttpLogging.*StatusCode: 401.*$", System.Text.RegularExpressions.RegexOptions.Multiline),
            TimeSpan.FromMinutes(1));
        var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        Assert.Contains(lines, line => line.Contains("listening on", StringComparison.Ordinal));

        using var access = JsonDocument.Parse(accessLine.Value);
        var scopes = access.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, scope => scope.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
        Assert.DoesNotContain("Zeynep", accessLine.Value, StringComparison.Ordinal);
    }
}
