using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Participation.Domain.Cases.RecordingContacts;
using Participation.Host.Cases.Participants;
using Participation.Host.Cases.RecordingContacts;
using Participation.Host.Infrastructure;
using Participation.Host.Infrastructure.TamperEvidence;
using Participation.Host.Security;
using Participation.Projections.Cases;
using Weasel.Core;

namespace Participation.Bench.MinimalApi;

/// <summary>
/// Item 2 of the benchmark: the Host's own endpoint bodies (<c>RecordContactEndpoint.Post</c>,
/// <c>AddParticipantEndpoint.Post</c>: If-Match, decide, append, ETag) behind plain minimal-API endpoints that open
/// the Marten session and lock the stream themselves. Same JSON options, JWT security, problem details, event
/// metadata and Marten configuration (tenancy, quick append, inline projections, event seals) as the Host;
/// what is missing is Wolverine: its generated handler, outbox session factory, message context and
/// idempotency hooks. Env as the Host: <c>ConnectionStrings__Marten</c>, <c>Marten__Schema</c>, <c>Auth__SigningKey</c>,
/// <c>Audit__SealKey</c>.
/// </summary>
public static class MinimalProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsCustomization.Customize);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddParticipationSecurity(builder.Configuration);
        AddMarten(builder.Services, builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/health/live", () => Results.Ok());

        app.MapPost("/api/cases/{caseId:guid}/contacts", (Guid caseId, RecordContact command, HttpContext http, IDocumentStore store) =>
                OnCase(caseId, http, store, (stream, session) => RecordContactEndpoint.Post(command, stream, session, http)))
            .RequireAuthorization(Policies.WriteCases);
        app.MapPost("/api/cases/{caseId:guid}/participants", (Guid caseId, AddParticipant command, HttpContext http, IDocumentStore store) =>
                OnCase(caseId, http, store, (stream, session) => AddParticipantEndpoint.Post(command, stream, session, http)))
            .RequireAuthorization(Policies.WriteCases);

        await app.RunAsync();
    }

    /// <summary>What Wolverine's aggregate workflow does for <c>[CaseStream]</c>: tenant session, lock, 404, decide, commit.</summary>
    private static async Task<IResult> OnCase<T>(Guid caseId, HttpContext http, IDocumentStore store, Func<IEventStream<Case>, IDocumentSession, Task<T>> body)
    {
        var tenant = http.User.FindFirst(ClaimNames.Tenant)!.Value;
        await using var session = store.LightweightSession(tenant);
        EventMetadataMiddleware.Before(session, http);
        var stream = await session.Events.FetchForExclusiveWriting<Case>(caseId, http.RequestAborted);
        if (stream.Aggregate is null) return Results.Problem(statusCode: 404, detail: $"Unknown Case with identity {caseId}");
        var response = await body(stream, session);
        await session.SaveChangesAsync(http.RequestAborted);
        return Results.Ok(response);
    }

    /// <summary>The Host's <c>PersistenceSetup.AddParticipationMarten</c> without <c>IntegrateWithWolverine()</c>.</summary>
    private static void AddMarten(IServiceCollection services, IConfiguration configuration)
    {
        var seal = new EventSeal(PersistenceSetup.SealKey(configuration, production: false));
        services.AddMarten(options =>
            {
                options.Connection(PersistenceSetup.ConnectionString(configuration));
                PersistenceSetup.ConfigureStore(options, configuration, seal, new SealChainHeads());
                // The Host (same schema) has created every object; this app never changes the schema.
                options.AutoCreateSchemaObjects = AutoCreate.None;
            })
            .UseLightweightSessions();
    }
}
