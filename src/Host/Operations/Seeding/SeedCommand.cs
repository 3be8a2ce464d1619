using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Participation.Host.Security;
using Spectre.Console;

namespace Participation.Host.Operations.Seeding;

public sealed class SeedInput : NetCoreInput
{
    [Description("The tenant to fill"), FlagAlias("tenant", 't')]
    public string TenantFlag { get; set; } = "amsterdam";
}

/// <summary>
/// <c>seed</c> (Development only): fills a demo tenant with half a year of case work (<see cref="DemoStory"/>) through
/// the API itself, as a caseworker would, so every rule, stamp, seal and read model is the real one. Its host tells
/// the story on a clock of its own (<see cref="Prepare"/>), listens on a free port beside a running API, and leaves
/// the async projections to the API's daemon. A tenant that has cases is left alone, so running it twice changes nothing.
/// </summary>
[Description("Fills a demo tenant with realistic cases (Development only)", Name = "seed")]
public sealed class SeedCommand : JasperFxAsyncCommand<SeedInput>
{
    public const string Name = "seed";
    private static readonly StoryClock Clock = new();

    public static bool Requested(string[] args) => args is [Name, ..];

    /// <summary>What the seed's host needs before it is built: the story's clock, a free port, no daemon of its own.</summary>
    public static void Prepare(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Marten:Daemon"] = nameof(AsyncDaemonPlacement.Disabled);
        // The API's own timers record what the story left overdue, by the real clock, once it runs; not the story's host mid-story.
        builder.Configuration["FollowUp:Timers"] = "false";
    }

    public override async Task<bool> Execute(SeedInput input)
    {
        using var host = input.BuildHost();
        if (!host.Services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            AnsiConsole.MarkupLine("[red]seed runs in the Development environment only.[/]");
            return false;
        }
        var now = DateTimeOffset.UtcNow;
        var story = DemoStory.Tell(now);
        Clock.Set(story[0].At.AddMinutes(-1));
        await host.StartAsync();
        try
        {
            using var api = Client(host, input.TenantFlag);
            var existing = (await api.GetFromJsonAsync<JsonNode>("/api/cases?pageSize=1"))!["total"]!.GetValue<long>();
            if (existing > 0)
            {
                AnsiConsole.MarkupLine($"Tenant [bold]{Markup.Escape(input.TenantFlag)}[/] has {existing} case(s) already; nothing seeded.");
                return true;
            }
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"Seeding {input.TenantFlag}", maxValue: story.Count);
                var ids = new StoryIds();
                foreach (var step in story)
                {
                    Clock.Set(step.At);
                    await Send(api, step, ids);
                    task.Increment(1);
                }
            });
            AnsiConsole.MarkupLine($"Seeded [bold]{story.Count(s => s.Path == "/api/cases")}[/] cases ({story.Count} commands) in tenant " +
                                   $"[bold]{Markup.Escape(input.TenantFlag)}[/]. Start the API (bash scripts/run.sh) and open /swagger, GET /api/dashboard " +
                                   "or GET /api/worklist (its timers record what is overdue within seconds).");
            return true;
        }
        finally
        {
            Clock.Set(now);
            await host.StopAsync();
        }
    }

    private static async Task Send(HttpClient api, StoryStep step, StoryIds ids)
    {
        var path = step.Path.StartsWith('/') ? step.Path : $"/api/cases/{ids[step.Case, "case"]}/{step.Path}";
        if (path.Contains("{agreement}")) path = path.Replace("{agreement}", ids[step.Case, "agreement"].ToString());
        using var response = await api.SendAsync(new HttpRequestMessage(step.Method, path) { Content = JsonContent.Create(step.Body(ids)) });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The story's step {path} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (step.Remember is { } name)
        {
            var answer = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
            ids.Remember(step.Case, name, (Guid)(answer["id"] ?? answer[name + "Id"])!);
        }
    }

    private static HttpClient Client(IHost host, string tenant)
    {
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var issuer = new TokenIssuer(host.Services.GetRequiredService<JwtSettings>(), Clock);
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", issuer.Issue("demo", tenant, [Roles.Caseworker, Roles.Admin], TimeSpan.FromDays(400)));
        return client;
    }
}
