using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Participation.Domain.Retention;
using Participation.Host.Http;

namespace Participation.Host.Retention;

/// <summary>
/// A destruction list's rules as problems: four-eyes (the author approving) is a <c>403</c>, since it is about who asks; a list
/// in the wrong state, or a case not on it, a <c>409</c>; both with a stable <c>code</c>.
/// </summary>
public sealed class DestructionProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DestructionRuleViolated e) return false;
        var status = e.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context, Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Type = ProblemTypes.RuleViolated, Title = e.Forbidden ? "Four-eyes: another person must approve" : "The destruction list's rules do not allow this",
                Status = status, Detail = e.Message, Extensions = { ["code"] = e.Code },
            },
        });
    }
}
