using System.Text.Json.Nodes;

namespace Participation.Host.Tests.Support;

/// <summary>Assertions on problem bodies beyond <see cref="Response.ShouldBeProblem"/>.</summary>
public static class Problems
{
    /// <summary>
    /// A 400 problem with a non-empty <c>detail</c> that names no CLR types; with
    /// <paramref name="validation"/>, also an <c>errors</c> object naming <paramref name="fields"/>.
    /// </summary>
    public static JsonNode ShouldBeBadRequest(this Response response, bool validation = false, params string[] fields)
    {
        var problem = response.ShouldBeProblem(400);
        problem.ShouldHaveCleanDetail();
        if (validation)
        {
            var errors = problem["errors"] as JsonObject;
            Assert.True(errors is { Count: > 0 }, $"Expected validation `errors`: {response.Body}");
            foreach (var field in fields)
                Assert.True(errors!.ContainsKey(field), $"Expected `errors.{field}`: {response.Body}");
        }
        return problem;
    }

    /// <summary><c>detail</c> is there and leaks no implementation types.</summary>
    public static JsonNode ShouldHaveCleanDetail(this JsonNode problem)
    {
        var detail = (string?)problem["detail"];
        Assert.False(string.IsNullOrWhiteSpace(detail), $"Problem without detail: {problem.ToJsonString()}");
        Assert.DoesNotContain("Participation.", detail);
        Assert.DoesNotContain("System.", detail);
        return problem;
    }
}
