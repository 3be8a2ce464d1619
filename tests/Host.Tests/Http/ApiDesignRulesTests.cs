using System.Diagnostics;
using System.Text.Json.Nodes;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Http;

/// <summary>
/// docs/openapi.json, which another test keeps equal to the document the API serves, meets the NL API Design Rules as
/// Logius' own linter checks them (the Spectral ruleset vendored in docs/linter, run by scripts/lint-openapi.sh; ADR 25).
/// </summary>
public sealed class ApiDesignRulesTests
{
    private static readonly string Document = Path.Combine(TestDatabase.RepositoryRoot(), "docs", "openapi.json");

    [Fact]
    public async Task The_openapi_document_passes_the_nl_api_design_rules_linter_without_errors_or_warnings()
    {
        var findings = await LintAsync(Document);

        Assert.True(findings.Count == 0, "The NL API Design Rules linter (bash scripts/lint-openapi.sh) finds:\n" + string.Join('\n', findings));
    }

    [Fact]
    public async Task The_linter_finds_what_the_rules_forbid()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Document))!.AsObject();
        document.Remove("servers");
        document["info"]!["contact"]!.AsObject().Remove("email");
        var broken = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, document.ToJsonString());
        try
        {
            var findings = await LintAsync(broken);

            Assert.Contains(findings, f => f is { Severity: "error", Rule: "oas3-api-servers" });
            Assert.Contains(findings, f => f is { Severity: "error", Rule: "nlgov:info-contact-fields-exist" });
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Theory]
    [InlineData(typeof(Participation.Projections.Cases.CaseDetails), "CaseDetails")]
    [InlineData(typeof(Dictionary<string, Participation.Domain.Cases.CasePhase>), "DictionaryStringCasePhase")]
    [InlineData(typeof(Nested.Item), "ApiDesignRulesTestsNestedItem")]
    public void A_schema_id_is_the_types_name_without_namespace(Type type, string id) =>
        Assert.Equal(id, Participation.Host.Http.OpenApiSetup.SchemaId(type));

    private static class Nested
    {
        public sealed record Item;
    }

    private sealed record Finding(string Severity, string Rule, string Path, string Message)
    {
        public override string ToString() => $"{Severity} {Rule} at {Path}: {Message}";
    }

    private static async Task<List<Finding>> LintAsync(string document)
    {
        var results = Path.Combine(Path.GetTempPath(), $"spectral-{Guid.NewGuid():N}.json");
        var script = Path.Combine(TestDatabase.RepositoryRoot(), "scripts", "lint-openapi.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, document, "--format", "json", "--output", results])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // The first run on a fresh machine installs Spectral from the npm registry.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        try
        {
            Assert.True(File.Exists(results), $"scripts/lint-openapi.sh exited {process.ExitCode} without results:\n{await output}\n{await error}");
            return JsonNode.Parse(await File.ReadAllTextAsync(results))!.AsArray()
                .Select(f => new Finding(Severity((int)f!["severity"]!), (string)f["code"]!, string.Join('.', f["path"]!.AsArray()), (string)f["message"]!))
                .ToList();
        }
        finally
        {
            File.Delete(results);
        }
    }

    private static string Severity(int severity) => severity switch { 0 => "error", 1 => "warning", 2 => "info", _ => "hint" };
}
