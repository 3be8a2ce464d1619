using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Cases;

/// <summary><c>GET /api/cases/export.csv</c>: RFC 4180, UTF-8 with BOM, the list's filters and sort, round-tripped against the list.</summary>
[Collection(ApiCollection.Name)]
public class CaseExportTests(ApiFixture api)
{
    private static readonly string[] Header =
    [
        "id", "title", "domain", "phase", "status", "outcome", "owner", "neighbourhoodCode", "neighbourhoodName", "district",
        "openedAt", "lastActivityAt", "activeParticipants", "contactMoments", "version",
    ];

    private async Task<(Caller Caseworker, Caller Manager)> Spread()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var cafe = await caseworker.OpenCase(Scenarios.NewCase("ouderparticipatie", "Koffie, thee & \"een praatje\"", "E38", "Slotermeer-Noordoost", "Nieuw-West"));
        await caseworker.OpenCase(Scenarios.NewCase("jeugdzorg", "Eerste regel\r\ntweede regel, met komma", "K24", "Bijlmer-Centrum", "Zuidoost"));
        await caseworker.OpenCase(Scenarios.NewCase("sport", "Zwemles voor Zoë en Anaïs in de Coöperatie-hal ĳsbaan 🏊", "E39", "Slotermeer-Zuidwest", "Nieuw-West"));
        var stopped = await caseworker.OpenCase(Scenarios.NewCase("sport", "Buurtvaders\nzaalvoetbal", "A01", "Burgwallen-Oude Zijde", "Centrum"));
        (await caseworker.Post($"/api/cases/{stopped}/close", new { outcome = "stopped", summary = "Geen zaal" })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{cafe}/assign", new { owner = "piet, de buurtregisseur" })).ShouldBe(200);
        var parent = await caseworker.AddParticipant(cafe);
        await caseworker.RecordContact(cafe, parent);
        return (caseworker, caseworker.WithRoles(Roles.Manager));
    }

    [Fact]
    public async Task The_export_round_trips_every_field_of_the_list_including_dutch_text_commas_quotes_and_line_breaks()
    {
        var (_, manager) = await Spread();

        var (bytes, contentType, disposition) = await Download(manager, "/api/cases/export.csv?sort=title");

        Assert.Equal("text/csv; charset=utf-8", contentType);
        Assert.Contains("attachment", disposition);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var records = Rfc4180.Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(Header, records[0]);

        var list = (await manager.Get("/api/cases?sort=title&pageSize=200")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.Equal(4, list.Count);
        Assert.Equal(list.Count, records.Count - 1);
        foreach (var (item, row) in list.Select(i => i!).Zip(records.Skip(1)))
        {
            var field = Header.Zip(row).ToDictionary(p => p.First, p => p.Second);
            Assert.Equal((string?)item["id"], field["id"]);
            Assert.Equal((string?)item["title"], field["title"]);
            Assert.Equal((string?)item["domain"], field["domain"]);
            Assert.Equal((string?)item["phase"], field["phase"]);
            Assert.Equal((string?)item["status"], field["status"]);
            Assert.Equal((string?)item["outcome"] ?? "", field["outcome"]);
            Assert.Equal((string?)item["owner"] ?? "", field["owner"]);
            Assert.Equal((string?)item["neighbourhood"]!["code"], field["neighbourhoodCode"]);
            Assert.Equal((string?)item["neighbourhood"]!["name"], field["neighbourhoodName"]);
            Assert.Equal((string?)item["neighbourhood"]!["district"], field["district"]);
            Assert.Equal((DateTimeOffset)item["openedAt"]!, DateTimeOffset.Parse(field["openedAt"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.EndsWith("Z", field["openedAt"]);
            Assert.Equal((DateTimeOffset)item["lastActivityAt"]!, DateTimeOffset.Parse(field["lastActivityAt"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((string?)item["activeParticipants"]!.ToJsonString(), field["activeParticipants"]);
            Assert.Equal((string?)item["contactMoments"]!.ToJsonString(), field["contactMoments"]);
            Assert.Equal((string?)item["version"]!.ToJsonString(), field["version"]);
        }
        Assert.Contains(records, r => r[1] == "Zwemles voor Zoë en Anaïs in de Coöperatie-hal ĳsbaan 🏊");
        Assert.Contains(records, r => r[6] == "piet, de buurtregisseur");
    }

    [Fact]
    public async Task Fields_are_quoted_only_when_needed_with_doubled_quotes_and_records_end_in_crlf()
    {
        var (_, manager) = await Spread();

        var (bytes, _, _) = await Download(manager, "/api/cases/export.csv?sort=title");
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);

        Assert.StartsWith(string.Join(',', Header) + "\r\n", text);
        Assert.EndsWith("\r\n", text);
        Assert.Contains(",\"Koffie, thee & \"\"een praatje\"\"\",ouderparticipatie,", text);
        Assert.Contains(",\"Eerste regel\r\ntweede regel, met komma\",jeugdzorg,", text);
        Assert.Contains(",\"Buurtvaders\nzaalvoetbal\",sport,", text); // a line break inside a field stays as entered
        Assert.Contains(",Zwemles voor Zoë en Anaïs in de Coöperatie-hal ĳsbaan 🏊,sport,", text);
        Assert.Equal(5, Rfc4180.Parse(text).Count);
    }

    [Theory]
    [InlineData("?domain=sport", 2)]
    [InlineData("?status=closed", 1)]
    [InlineData("?neighbourhood=E38", 1)]
    [InlineData("?owner=piet,%20de%20buurtregisseur", 1)]
    [InlineData("?q=zwemles", 1)]
    [InlineData("?domain=sport&status=open", 1)]
    [InlineData("?domain=jeugdzorg&phase=connect", 0)]
    public async Task The_export_applies_the_list_filters(string query, int expected)
    {
        var (_, manager) = await Spread();

        var (bytes, _, _) = await Download(manager, "/api/cases/export.csv" + query);
        var rows = Rfc4180.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)).Skip(1).Select(r => r[0]).ToList();

        var list = (await manager.Get("/api/cases" + query)).ShouldBe(200).Json["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
        Assert.Equal(expected, rows.Count);
        Assert.Equal(list, rows);
    }

    [Fact]
    public async Task Text_a_spreadsheet_would_run_as_a_formula_is_exported_inert()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        await caseworker.OpenCase(Scenarios.NewCase(title: "=HYPERLINK(\"http://evil.example\",\"klik\")"));

        var (bytes, _, _) = await Download(caseworker.WithRoles(Roles.Manager), "/api/cases/export.csv");

        var row = Rfc4180.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3))[1];
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"klik\")", row[1]);
    }

    [Fact]
    public async Task Bad_filters_are_a_400_problem_and_another_tenants_cases_are_never_exported()
    {
        var (caseworker, _) = await Spread();
        var stranger = api.NewTenant(Roles.Manager);

        (await stranger.Get("/api/cases/export.csv?domain=voetbal")).ShouldBeBadRequest(validation: true, "domain");
        (await stranger.Get("/api/cases/export.csv?q=%00")).ShouldBeBadRequest(validation: true, "q");
        var (bytes, _, _) = await Download(stranger, "/api/cases/export.csv");
        Assert.Equal(string.Join(',', Header) + "\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.NotEqual(caseworker.Tenant, stranger.Tenant);
    }

    private static async Task<(byte[] Bytes, string? ContentType, string Disposition)> Download(Caller caller, string url)
    {
        using var client = caller.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.ToString(),
            response.Content.Headers.ContentDisposition?.ToString() ?? "");
    }
}

/// <summary>A strict RFC 4180 reader: records end in CRLF; a quoted field may hold commas, CR, LF and doubled quotes.</summary>
public static class Rfc4180
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("unterminated quoted field");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else field.Append(text[i++]);
                }
                if (i < text.Length && text[i] != ',' && text[i] != '\r') throw new FormatException($"text after a closing quote at {i}");
            }
            else if (text[i] == ',') { fields.Add(field.ToString()); field.Clear(); i++; }
            else if (text[i] == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n') throw new FormatException($"CR without LF at {i}");
                fields.Add(field.ToString()); field.Clear();
                records.Add(fields.ToArray()); fields.Clear();
                i += 2;
            }
            else if (text[i] is '\n' or '"') throw new FormatException($"bare {(text[i] == '"' ? "quote" : "LF")} in an unquoted field at {i}");
            else field.Append(text[i++]);
        }
        if (fields.Count > 0 || field.Length > 0) throw new FormatException("the last record does not end in CRLF");
        return records;
    }
}
