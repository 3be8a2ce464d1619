using Participation.Host.Tests.Features;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>The access log (on in the verbose fixture): one line per request with method, path, status and duration, never the query.</summary>
[Collection(VerboseLoggingCollection.Name)]
public sealed class AccessLogTests(VerboseLoggingFixture api)
{
    [Fact]
    public async Task Each_request_is_one_line_with_method_path_status_and_duration_but_not_its_query()
    {
        var caseworker = api.NewTenant();
        var searched = "Zeynep-" + Guid.NewGuid().ToString("N")[..10];
        await caseworker.OpenCase();
        (await caseworker.Get($"/api/cases?q={searched}")).ShouldBe(200);
        (await caseworker.Get($"/api/cases/{Guid.NewGuid()}")).ShouldBeProblem(404);

        var lines = api.LogLines.Where(l => l.Contains("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains("Method: POST") && l.Contains("Path: /api/cases") && l.Contains("StatusCode: 201") && l.Contains("Duration:"));
        Assert.Contains(lines, l => l.Contains("Method: GET") && l.Contains("StatusCode: 404"));
        Assert.Contains(lines, l => l.Contains("Path: /api/cases") && l.Contains("StatusCode: 200"));
        Assert.DoesNotContain(lines, l => l.Contains(searched, StringComparison.OrdinalIgnoreCase) || l.Contains("QueryString"));
        Assert.DoesNotContain(lines, l => l.Contains("Authorization") || l.Contains("Bearer"));
    }
}
