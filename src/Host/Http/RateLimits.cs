using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Participation.Host.Security;

namespace Participation.Host.Http;

/// <summary>What a request costs: a command (any write), a read, or an export (metadata of the endpoints that stream whole lists).</summary>
public enum RequestKind { Command, Read, Export }

/// <summary>Per user and per tenant, how many requests of a kind are allowed in a window (section <c>RateLimits</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    // Generous defaults: a busy caseworker never meets them, the benchmarks (one user at hundreds of commands a second)
    // neither; set lower ones to what your users need.
    public RateLimit Commands { get; set; } = new() { PerUser = 60_000, PerTenant = 120_000 };
    public RateLimit Reads { get; set; } = new() { PerUser = 300_000, PerTenant = 600_000 };
    public RateLimit Exports { get; set; } = new() { PerUser = 600, PerTenant = 1_200 };

    public RateLimit For(RequestKind kind) => kind switch
    {
        RequestKind.Command => Commands,
        RequestKind.Export => Exports,
        _ => Reads,
    };
}

public sealed class RateLimit
{
    public int PerUser { get; set; }
    public int PerTenant { get; set; }
}

public sealed class RateLimitValidation : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var problems = new List<string>();
        if (options.Window <= TimeSpan.Zero) problems.Add("RateLimits:Window must be a positive duration, e.g. 00:01:00.");
        foreach (var kind in Enum.GetValues<RequestKind>())
        {
            var limit = options.For(kind);
            if (limit.PerUser < 1 || limit.PerTenant < 1) problems.Add($"RateLimits:{kind}s:PerUser and RateLimits:{kind}s:PerTenant must be 1 or more.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Endpoint metadata: the endpoint streams a whole list (an export) and counts against the export limit.</summary>
public sealed class ExportEndpoint
{
    public static readonly ExportEndpoint Metadata = new();

    private ExportEndpoint() { }
}

/// <summary>
/// ASP.NET Core's rate limiter, per user and per tenant at once, each kind of request against its own limit; anonymous
/// requests (refused anyway on /api) are not counted. Beyond a limit: a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitValidation>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits.Value, perUser: true)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, limits.Value, perUser: false)));
            options.OnRejected = Reject;
        });
        return services;
    }

    /// <summary>After authentication, which says who is asking.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions limits, bool perUser)
    {
        if (http.GetEndpoint() is not { } endpoint || http.User.FindFirst(ClaimNames.Tenant)?.Value is not { } tenant)
            return RateLimitPartition.GetNoLimiter("");
        var kind = endpoint.Metadata.GetMetadata<ExportEndpoint>() is not null ? RequestKind.Export
            : HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? RequestKind.Read
            : RequestKind.Command;
        var limit = limits.For(kind);
        var key = perUser ? $"{kind}\n{tenant}\n{http.User.UserName()}" : $"{kind}\n{tenant}";
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perUser ? limit.PerUser : limit.PerTenant, Window = limits.Window, QueueLimit = 0,
        });
    }

    private static async ValueTask Reject(OnRejectedContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Type = ProblemTypes.RateLimited, Title = "Too many requests", Status = StatusCodes.Status429TooManyRequests,
                Detail = $"You or your organisation made more requests of this kind than allowed for now; try again in {seconds} s (Retry-After).",
            },
        });
    }
}
