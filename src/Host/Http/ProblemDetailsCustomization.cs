using System.Text.RegularExpressions;

namespace Participation.Host.Http;

/// <summary>
/// Wolverine writes its own problem for a body it cannot deserialize; this gives it our type and
/// keeps CLR type names (implementation details) out of what integrators see. Every problem gets a detail.
/// </summary>
public static partial class ProblemDetailsCustomization
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status401Unauthorized => "A valid bearer token is required.",
            StatusCodes.Status403Forbidden => "The roles in your token do not allow this call.",
            StatusCodes.Status404NotFound => "There is no such resource.",
            StatusCodes.Status405MethodNotAllowed => "This route does not accept that method.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
            _ => problem.Title,
        };
        if (problem.Status != StatusCodes.Status400BadRequest) return;
        if (problem.Title == "Invalid JSON format")
        {
            problem.Type = ProblemTypes.MalformedRequest;
            problem.Title = "The request body could not be read";
        }
        if (problem.Detail is not null) problem.Detail = ClrTypeName().Replace(problem.Detail, "the request");
    }

    [GeneratedRegex(@"'?\b(Participation|System)\.[\w\.`\[\]]+'?")]
    private static partial Regex ClrTypeName();
}
