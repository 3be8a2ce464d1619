using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;
using Participation.Host.Http;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Insights;

public static class InsightsExportEndpoint
{
    /// <summary>
    /// The same figures as <c>GET /api/insights</c> (same query), one CSV record per row and one column per field, named as in
    /// the JSON (<c>agreements.byResidents.made</c>, <c>domains.finances.firstLevels.1</c>, …). A suppressed figure is an
    /// empty field, and the record's <c>suppressed</c> column names them.
    /// </summary>
    [EndpointSummary("Eigen Kracht in Beeld as CSV, for the research office")]
    [WolverineGet("/api/insights/export.csv", OperationId = "ExportInsights"), Authorize(Policy = Policies.TrackProgress), Export, NoStore]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/csv")]
    public static async Task Get(IQuerySession session, InsightTables tables, TimeProvider clock, IOptions<FigureOptions> figures, HttpContext http,
        string? period, string? district, string? neighbourhood, string? domain, CancellationToken cancellation)
    {
        var query = InsightsQuery.Parse(period, district, neighbourhood, domain, clock.GetUtcNow());
        var answer = await InsightsEndpoint.Answer(session, tables, query, figures.Value.MinimumCount, cancellation);
        http.Response.ContentType = Csv.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"insights-{answer.Period}.csv\"";
        await http.Response.Body.WriteAsync(Csv.Utf8Bom, cancellation);
        await using var writer = new StreamWriter(http.Response.Body, Csv.Encoding, bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Csv.Record([.. InsightsCsv.Columns]));
        foreach (var row in answer.Rows) await writer.WriteAsync(Csv.Record([.. InsightsCsv.Fields(answer, row)]));
        await writer.FlushAsync(cancellation);
    }
}

/// <summary>The CSV's columns and a row's fields in their order.</summary>
public static class InsightsCsv
{
    private static readonly string[] Medians = InsightFields.LifeDomains.SelectMany((_, d) =>
        new[] { true, false }.SelectMany(first => Enumerable.Range(0, InsightFields.Shares.Length).Select(s => InsightFields.Median(d, first, s)))).ToArray();

    public static readonly IReadOnlyList<string> Columns =
        ["period", "domain", "level", "district", "neighbourhoodCode", "neighbourhoodName", .. InsightFields.Names, .. Medians, "suppressed"];

    public static IEnumerable<string?> Fields(InsightsAnswer answer, InsightsRow row)
    {
        yield return answer.Period;
        yield return answer.Domain is { } domain ? ApiEnum.Name(domain) : "";
        yield return ApiEnum.Name(row.Level);
        yield return Csv.Text(row.District);
        yield return Csv.Text(row.Neighbourhood?.Code);
        yield return Csv.Text(row.Neighbourhood?.Name);
        foreach (var value in Counts(row)) yield return value?.ToString(CultureInfo.InvariantCulture);
        foreach (var figures in row.Domains)
        foreach (var support in new[] { figures.FirstSupport, figures.LatestSupport })
        foreach (var median in new[] { support.Own, support.Network, support.Professional })
            yield return median?.ToString(CultureInfo.InvariantCulture);
        yield return string.Join(' ', row.Suppressed);
    }

    // In the order of InsightFields.Names.
    private static IEnumerable<long?> Counts(InsightsRow row)
    {
        yield return row.Networks;
        yield return row.Cases;
        yield return row.Participants;
        yield return row.Connections;
        foreach (var carrier in new[] { row.Agreements.ByResidents, row.Agreements.WithProfessional })
        {
            yield return carrier.Made;
            yield return carrier.Fulfilled;
            yield return carrier.Broken;
        }
        yield return row.Measured;
        foreach (var domain in row.Domains)
        {
            foreach (var level in domain.FirstLevels) yield return level;
            foreach (var level in domain.LatestLevels) yield return level;
            yield return domain.Improved;
            yield return domain.Same;
            yield return domain.Worse;
        }
    }
}
