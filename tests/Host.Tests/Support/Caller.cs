using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Participation.Host.Http;

namespace Participation.Host.Tests.Support;

/// <summary>Calls the API as one user of one tenant, the way an integrator would: JSON in, JSON out.</summary>
public sealed class Caller(IAlbaHost host, string tenant, string name, string token)
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public IAlbaHost Host => host;
    public string Tenant => tenant;
    public string Name => name;
    public string Token => token;

    public Caller WithRoles(params string[] roles) => new(host, tenant, name,
        host.Services.GetRequiredService<Participation.Host.Security.TokenIssuer>().Issue(name, tenant, roles));

    public Task<Response> Post(string url, object body, params (string Name, string Value)[] headers) =>
        PostRaw(url, body as string ?? JsonSerializer.Serialize(body, Json), headers);

    public Task<Response> PostRaw(string url, string body, params (string Name, string Value)[] headers) =>
        Send(HttpMethod.Post, url, new StringContent(body, Encoding.UTF8, "application/json"), headers);

    public Task<Response> Get(string url, params (string Name, string Value)[] headers) => Send(HttpMethod.Get, url, null, headers);

    public async Task<Response> Send(HttpMethod method, string url, HttpContent? content, params (string Name, string Value)[] headers)
    {
        using var client = host.Server.CreateClient();
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (headerName, value) in headers)
        {
            if (headerName == "Authorization") request.Headers.Authorization = value.Length == 0 ? null : AuthenticationHeaderValue.Parse(value);
            else request.Headers.TryAddWithoutValidation(headerName, value);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var answerHeaders = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Response((int)response.StatusCode, text, response.Headers.ETag?.Tag, response.Headers.Location?.ToString(),
            response.Content.Headers.ContentType?.MediaType, answerHeaders);
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        return options;
    }
}

public sealed record Response(int Status, string Body, string? ETag, string? Location, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("Empty body");

    public Response ShouldBe(int status)
    {
        Assert.True(Status == status, $"Expected HTTP {status}, got {Status}: {Body}");
        return this;
    }

    /// <summary>Asserts an RFC 9457 problem with the given status (and rule code, if any).</summary>
    public JsonNode ShouldBeProblem(int status, string? code = null)
    {
        ShouldBe(status);
        Assert.Equal("application/problem+json", ContentType);
        var problem = Json;
        Assert.Equal(status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["type"]));
        if (code is not null) Assert.Equal(code, (string?)problem["code"]);
        return problem;
    }

    public long Version => (long)Json["version"]!;
}
