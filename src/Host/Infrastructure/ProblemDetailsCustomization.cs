using System.Text.RegularExpressions;

namespace Participation.Host.Infrastructure;

/// <summary>
/// Wolverine writes its own problem for a body it cannot deserialize; this gives it our type and
/// keeps CLR type names (implementation details) out of what integrators see.
/// </summary>
public static partial class ProblemDetailsCustomization
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status != StatusCodes.Status400BadRequest || problem.Detail is null) return;
        if (problem.Title == "Invalid JSON format")
        {
            problem.Type = ProblemTypes.MalformedRequest;
            problem.Title = "The request body could not be read";
        }
        problem.Detail = ClrTypeName().Replace(problem.Detail, "the request");
    }

    [GeneratedRegex(@"'?\b(Participation|System)\.[\w\.`\[\]]+'?")]
    private static partial Regex ClrTypeName();
}
