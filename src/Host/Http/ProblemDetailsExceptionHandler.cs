using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Projections.Networks;

namespace Participation.Host.Http;

/// <summary>
/// Turns the exceptions that mean "the caller asked for something wrong" into problem details, an unreachable
/// database into a 503 problem with <c>Retry-After</c>, and a stored event that no longer reads as its type into a
/// 500 problem that says so. Anything else stays a plain 500: a bug must not hide behind a 4xx.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem is null) return false;

        context.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, ProblemDetails = problem, Exception = exception,
        });
    }

    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        _ when DatabaseUnavailable.Is(exception) => new ProblemDetails
        {
            Type = ProblemTypes.DatabaseUnavailable, Title = "The database is unavailable",
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = $"PostgreSQL cannot be reached right now; nothing was changed. Retry in {DatabaseUnavailable.RetryAfterSeconds} seconds.",
        },
        JasperFx.MultiTenancy.UnknownTenantIdException => new ProblemDetails
        {
            Type = ProblemTypes.TenantNotServed, Title = "This municipality is not served here",
            Status = StatusCodes.Status403Forbidden,
            Detail = "The token's tenant has no database in this installation; an operator adds it with `tenants add`.",
        },
        CaseRuleViolated e => new ProblemDetails
        {
            Type = ProblemTypes.RuleViolated, Title = "The case's rules do not allow this now",
            Status = StatusCodes.Status409Conflict, Detail = e.Message, Extensions = { ["code"] = e.Code },
        },
        NetworkRuleViolated e => NetworkRuleProblem(e.Code, e.Message, e.NetworkId),
        _ when ClaimTaken(exception) => NetworkRuleProblem(NetworkRules.NetworkExists,
            "Another network of the tenant took this name and kind at the same moment; look it up and use that one.", null),
        CasePartNotFound e => new ProblemDetails
        {
            Type = ProblemTypes.NotFound, Title = $"Unknown {e.What}", Status = StatusCodes.Status404NotFound, Detail = e.Message,
        },
        ResourceNotFound e => new ProblemDetails
        {
            Type = ProblemTypes.NotFound, Title = "Not found", Status = StatusCodes.Status404NotFound, Detail = e.Message,
        },
        InvalidCommand e => new HttpValidationProblemDetails(e.Errors.ToDictionary())
        {
            Type = ProblemTypes.Validation, Title = "The request has invalid fields",
            Status = StatusCodes.Status400BadRequest, Detail = "See errors for each field.",
        },
        PreconditionFailed e => new ProblemDetails
        {
            Type = ProblemTypes.PreconditionFailed, Title = "The case or network is not at the version If-Match names",
            Status = StatusCodes.Status412PreconditionFailed, Detail = e.Message,
        },
        ConcurrencyException or StreamLockedException or Marten.Exceptions.ExistingStreamIdCollisionException => new ProblemDetails
        {
            Type = ProblemTypes.Conflict, Title = "The case changed while this command ran",
            Status = StatusCodes.Status409Conflict, Detail = "Another command changed the case first; retry with its current state.",
            Extensions = { ["code"] = "concurrent-change" },
        },
        Marten.Exceptions.EventDeserializationFailureException e => StoredEventUnreadable(e.Sequence, e.EventTypeName),
        EventDeserializationFailureException e => StoredEventUnreadable(e.Sequence, e.EventTypeName),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
        {
            Type = ProblemTypes.MalformedRequest, Title = "The request body is too large",
            Status = StatusCodes.Status413PayloadTooLarge, Detail = "Request bodies may be at most 1 MB.",
        },
        BadHttpRequestException or JsonException => new ProblemDetails
        {
            Type = ProblemTypes.MalformedRequest, Title = "The request body could not be read",
            Status = StatusCodes.Status400BadRequest, Detail = MalformedDetail(exception),
        },
        _ => null,
    };

    /// <summary>A network rule's problem; <c>id</c> names the network meant (the existing one, or the one merged into).</summary>
    private static ProblemDetails NetworkRuleProblem(string code, string detail, Guid? id)
    {
        var problem = new ProblemDetails
        {
            Type = ProblemTypes.RuleViolated, Title = "The network's rules do not allow this", Status = StatusCodes.Status409Conflict,
            Detail = detail, Extensions = { ["code"] = code },
        };
        if (id is { } networkId) problem.Extensions["id"] = networkId;
        return problem;
    }

    /// <summary>Two commands racing to give networks the same name and kind: the unique claim lets one of them commit.</summary>
    private static bool ClaimTaken(Exception exception) =>
        (exception as Npgsql.PostgresException ?? exception.InnerException as Npgsql.PostgresException) is
        { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: NetworkProjections.ClaimIndex };

    // The history in the database was changed or damaged; only the verification can say where.
    private static ProblemDetails StoredEventUnreadable(long sequence, string? type) => new()
    {
        Type = ProblemTypes.StoredEventUnreadable, Title = "A stored event cannot be read",
        Status = StatusCodes.Status500InternalServerError,
        Detail = $"The event at sequence {sequence} ({type ?? "unknown type"}) no longer matches its type as stored. " +
                 "GET /api/cases/{id}/verify reports whether and from which version the case's history was changed.",
    };

    // Names the JSON path, never CLR types or the payload (which may hold personal data).
    private static string MalformedDetail(Exception exception)
    {
        if ((exception as JsonException ?? exception.InnerException as JsonException) is not { } json)
            return "The body is not valid JSON for this request.";
        const string missing = "missing required properties including: ";
        var at = json.Message.IndexOf(missing, StringComparison.Ordinal);
        if (at >= 0)
            return "Required fields are missing: " + json.Message[(at + missing.Length)..].TrimEnd('.');
        return json.Path is null or "$"
            ? "The body is not valid JSON for this request."
            : $"The value at {json.Path} is malformed, null where a value is required, of the wrong type or not one of the allowed values.";
    }
}
