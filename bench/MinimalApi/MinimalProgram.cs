using JasperFx;
using JasperFx.Events;
using Marten;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Participation.Domain.Cases.RecordingContacts;
using Participation.Host.Audit;
using Participation.Host.Cases;
using Participation.Host.Cases.Participants;
using Participation.Host.Cases.RecordingContacts;
using Participation.Host.Http;
using Participation.Host.Operations;
using Participation.Host.Privacy;
using Participation.Host.Security;

namespace Participation.Bench.MinimalApi;

/// <summary>
/// The framework-overhead baseline: the Host's own endpoint functions (<c>RecordContactEndpoint.Post</c>,
/// <c>AddParticipantEndpoint.Post</c>) and its command path (stamp, stream lock, 404, If-Match, protected personal
/// data, ETag) behind plain minimal-API endpoints that open the Marten session and lock the stream themselves. Same
/// JSON options, JWT security, problem details and Marten store (composed by the Host's own registrations: tenancy,
/// quick append, inline projections, event seals); what is missing is Wolverine: its generated handler, outbox
/// session factory, message context and idempotency hooks. Env as the Host: <c>ConnectionStrings__Marten</c>,
/// <c>Marten__Schema</c>, <c>Auth__SigningKey</c>, <c>Audit__SealKey</c>, <c>Privacy__MasterKey</c>.
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
        builder.Services.AddSecurity(builder.Configuration).AddCases(builder.Configuration).AddPrivacy(builder.Configuration).AddAudit(builder.Configuration);
        builder.Services.AddMarten(options =>
            {
                options.Connection(EventStore.ConnectionString(builder.Configuration));
                EventStore.Configure(options, builder.Configuration);
                // The Host (same schema) has created every object; this app never changes the schema.
                options.AutoCreateSchemaObjects = AutoCreate.None;
            })
            .UseLightweightSessions();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/health/live", () => Results.Ok());

        app.MapPost("/api/cases/{caseId:guid}/contacts", (Guid caseId, RecordContact command, HttpContext http, IDocumentStore store, PersonalDataKeys keys) =>
                OnCase(caseId, http, store, keys, (state, stamp) => RecordContactEndpoint.Post(command, state, stamp)))
            .RequireAuthorization(Policies.WriteCases);
        app.MapPost("/api/cases/{caseId:guid}/participants", (Guid caseId, AddParticipant command, HttpContext http, IDocumentStore store, PersonalDataKeys keys) =>
                OnCase(caseId, http, store, keys, (state, stamp) => AddParticipantEndpoint.Post(command, state, stamp)))
            .RequireAuthorization(Policies.WriteCases);

        await app.RunAsync();
    }

    /// <summary>What Wolverine's generated handler does for a <c>[CaseStream]</c> command: tenant session, stamp, lock with the participants' keys, 404, If-Match, decide, append, ETag, commit.</summary>
    private static async Task<IResult> OnCase<T>(Guid caseId, HttpContext http, IDocumentStore store, PersonalDataKeys keys,
        Func<Case, Stamp, (T Answer, CaseEvents Events)> decide)
    {
        var tenant = http.User.FindFirst(ClaimNames.Tenant)!.Value;
        await using var session = store.LightweightSession(tenant);
        var stamp = CaseCommandPolicy.Stamp(session, http, TimeProvider.System);
        var batch = session.CreateBatchQuery();
        var locked = batch.Events.FetchForExclusiveWriting<Case>(caseId);
        var participantKeys = batch.QueryByPlan(CaseParticipantKeysPlan.For(http, store));
        await batch.Execute(http.RequestAborted);
        var stream = await locked;
        if (stream.Aggregate is null) return Results.Problem(statusCode: 404, detail: $"Unknown Case with identity {caseId}");
        CaseStreamAttribute.EnsureIfMatch(http, stream);
        var (answer, events) = decide(stream.Aggregate, stamp);
        await events.ExecuteAsync(stream, session, keys, await participantKeys, http.RequestAborted);
        CaseStreamAttribute.AnswerETag(http, stream);
        await session.SaveChangesAsync(http.RequestAborted);
        return Results.Ok(answer);
    }
}
