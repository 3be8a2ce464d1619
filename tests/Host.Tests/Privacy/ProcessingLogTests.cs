using System.Text.Json.Nodes;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Privacy;

/// <summary>The processing log (LDV 1.0, ADR 32): one record per data subject for every read and write of personal data.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProcessingLogTests(ApiFixture api)
{
    private const string CallerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string CallerSpan = "00f067aa0ba902b7";

    [Fact]
    public async Task A_case_read_is_recorded_once_per_participant_with_the_callers_trace_as_parent_and_listed_and_exported_for_the_tenant_only()
    {
        var (caseworker, caseId, fatima, henk) = await CaseAboutTwo();
        var auditor = caseworker.WithRoles(Roles.Auditor);
        var started = DateTimeOffset.UtcNow;

        (await caseworker.Get($"/api/v1/cases/{caseId}", ("traceparent", $"00-{CallerTrace}-{CallerSpan}-01"))).ShouldBe(200);

        var reads = (await auditor.Get($"/api/processing-log?caseId={caseId}&user={caseworker.Name}&from={Uri.EscapeDataString(started.AddSeconds(-1).ToString("O"))}"))
            .ShouldBe(200).Json["items"]!.AsArray().Where(r => (string?)r!["name"] == "GetCase").ToList();
        Assert.Equal([fatima, henk], reads.Select(r => (Guid)r!["dataSubjectId"]!).Order());
        var record = reads[0]!;
        Assert.Equal(CallerTrace, (string?)record["traceId"]);
        Assert.Equal(CallerSpan, (string?)record["parentSpanId"]);
        Assert.Matches("^[0-9a-f]{16}$", (string?)record["spanId"]);
        Assert.Equal("ok", (string?)record["status"]);
        Assert.Equal(caseId, (Guid)record["caseId"]!);
        Assert.Equal("anna", (string?)record["user"]);
        Assert.Equal("urn:nld:participation:processing-activity:case-work", (string?)record["processingActivityId"]);
        Assert.True((DateTimeOffset)record["endTime"]! >= (DateTimeOffset)record["startTime"]!);
        Assert.DoesNotContain("Fatima", (await auditor.Get($"/api/processing-log?caseId={caseId}")).Body);

        // One subject, the writes that carried their data: adding them, the contact moment with both.
        var aboutHenk = (await auditor.Get($"/api/v1/processing-log?dataSubjectId={henk}")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.Equal(["AddParticipant", "RecordContact", "GetCase"], aboutHenk.Select(r => (string)r!["name"]!).Reverse());

        var export = (await auditor.Get($"/api/processing-log/export?caseId={caseId}")).ShouldBe(200);
        Assert.StartsWith("application/x-ndjson", export.ContentType);
        var lines = export.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(6, lines.Count);
        Assert.Equal(["trace_id", "span_id", "parent_span_id", "name", "start_time", "end_time", "status", "dpl.core.processing_activity_id",
            "dpl.core.data_subject_id", "dpl.participation.user", "dpl.participation.case_id"], lines[0].Select(p => p.Key));
        Assert.Contains(lines, l => (string?)l["parent_span_id"] == CallerSpan && (Guid)l["dpl.core.data_subject_id"]! == fatima);

        var stranger = api.NewTenant(Roles.Auditor);
        Assert.Equal(0, (long)(await stranger.Get($"/api/processing-log?caseId={caseId}")).ShouldBe(200).Json["total"]!);
        Assert.Equal("", (await stranger.Get($"/api/processing-log/export?dataSubjectId={fatima}")).ShouldBe(200).Body);
    }

    [Fact]
    public async Task History_state_and_the_audit_log_are_recorded_each_subject_under_their_case_and_an_erased_one_no_more()
    {
        var (caseworker, caseId, fatima, henk) = await CaseAboutTwo();
        var auditor = caseworker.WithRoles(Roles.Auditor, Roles.Admin);
        (await auditor.Post($"/api/cases/{caseId}/participants/{henk}/erase", new { })).ShouldBe(200);

        (await auditor.Get($"/api/cases/{caseId}/history")).ShouldBe(200);
        (await auditor.Get($"/api/cases/{caseId}/state?version=3")).ShouldBe(200);
        (await auditor.Get($"/api/audit?caseId={caseId}")).ShouldBe(200);
        (await auditor.Get($"/api/audit/export?caseId={caseId}")).ShouldBe(200);

        var records = (await auditor.Get($"/api/processing-log?caseId={caseId}&pageSize=1000")).ShouldBe(200).Json["items"]!.AsArray();
        foreach (var read in new[] { "GetCaseHistory", "GetCaseStateAt", "GetAuditLog", "ExportAuditLog" })
            Assert.Equal([fatima], records.Where(r => (string?)r!["name"] == read).Select(r => (Guid)r!["dataSubjectId"]!));
        Assert.Equal([henk], records.Where(r => (string?)r!["name"] == "EraseParticipant").Select(r => (Guid)r!["dataSubjectId"]!));
        Assert.All(records, r => Assert.Equal(caseId, (Guid)r!["caseId"]!));
    }

    [Fact]
    public async Task A_read_whose_record_cannot_be_stored_is_refused_with_503_and_a_write_with_its_record_commits_or_fails_whole()
    {
        var (caseworker, caseId, fatima, _) = await CaseAboutTwo();
        var version = await caseworker.CurrentVersion(caseId);
        var refuse = $"refuse_{caseworker.Tenant.Replace('-', '_')}";
        await Sql.ExecuteAsync(
            $"""
             create function {api.Schema}.{refuse}() returns trigger language plpgsql as $$
             begin if new.tenant_id = '{caseworker.Tenant}' then raise exception 'processing log refuses inserts (test)'; end if; return new; end $$;
             create trigger {refuse} before insert on {api.Schema}.processing_log for each row execute function {api.Schema}.{refuse}();
             """);
        try
        {
            var refused = await caseworker.Get($"/api/cases/{caseId}");
            refused.ShouldBeProblem(503);
            Assert.DoesNotContain("Fatima", refused.Body);
            Assert.Equal("5", refused.Headers["Retry-After"]);
            var download = await caseworker.WithRoles(Roles.Admin).Get($"/api/cases/{caseId}/participants/{fatima}/data?format=ndjson");
            download.ShouldBeProblem(503);

            var write = await caseworker.Post($"/api/cases/{caseId}/contacts",
                new { occurredAt = DateTimeOffset.UtcNow.AddHours(-1), kind = "phone", participantIds = new[] { fatima }, summary = "Gebeld" });
            Assert.True(write.Status >= 500, $"the write failed with its record: {write.Status}");
        }
        finally
        {
            await Sql.ExecuteAsync($"drop trigger {refuse} on {api.Schema}.processing_log; drop function {api.Schema}.{refuse}();");
        }
        (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200);
        Assert.Equal(version, await caseworker.CurrentVersion(caseId));
        Assert.Contains(api.LogLines, l => l.StartsWith("Error") && l.Contains("processing log could not store the records of GetCase"));
    }

    [Fact]
    public async Task Only_auditors_and_admins_read_the_log_and_bad_filters_are_problems()
    {
        var caseworker = api.NewTenant(Roles.Caseworker, Roles.Manager);
        (await caseworker.Get("/api/processing-log")).ShouldBeProblem(403);
        (await caseworker.Get("/api/processing-log/export")).ShouldBeProblem(403);
        var admin = caseworker.WithRoles(Roles.Admin);
        (await admin.Get("/api/processing-log")).ShouldBe(200);
        (await admin.Get("/api/processing-log?pageSize=0")).ShouldBeBadRequest();
        (await admin.Get("/api/processing-log?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")).ShouldBeBadRequest();
        (await admin.Get("/api/processing-log?dataSubjectId=nope")).ShouldBeBadRequest();
    }

    /// <summary>A caseworker's case with Fatima and Henk and one contact moment with both.</summary>
    private async Task<(Caller Caseworker, Guid CaseId, Guid Fatima, Guid Henk)> CaseAboutTwo()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var caseId = await caseworker.OpenCase();
        var fatima = await caseworker.AddParticipant(caseId);
        var henk = await caseworker.AddParticipant(caseId, "resident", "Henk de Vries", new { phone = "06-87654321", email = "henk@example.nl" });
        await caseworker.RecordContact(caseId, fatima, henk);
        return (caseworker, caseId, fatima, henk);
    }
}
