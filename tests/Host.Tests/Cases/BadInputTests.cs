using System.Text;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Cases;

/// <summary>
/// Bad input is a 400 (or the status API.md names) problem without implementation details, never a 500,
/// and appends nothing. Routes are relative to a case with one parent ({p}) and one open agreement ({a}).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture api)
{
    private sealed record Setup(Caller Caller, Guid CaseId, Guid Parent, Guid Agreement, long Version)
    {
        public string Url(string route) => $"/api/cases/{CaseId}/{Fill(route)}";
        public string Fill(string text) => text.Replace("{p}", Parent.ToString()).Replace("{a}", Agreement.ToString());
    }

    private async Task<Setup> CaseWithParentAndAgreement()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var parent = await caller.AddParticipant(caseId);
        var agreement = (Guid)(await caller.Post($"/api/cases/{caseId}/agreements", new { parties = new[] { parent }, gives = "Oppassen" }))
            .ShouldBe(200).Json["agreementId"]!;
        return new Setup(caller, caseId, parent, agreement, await caller.CurrentVersion(caseId));
    }

    [Theory]
    // malformed and truncated JSON, other JSON than an object, no body at all
    [InlineData("assign", """{owner: "piet"}""")]
    [InlineData("assign", """{"owner": "piet",}""")]
    [InlineData("assign", """{"owner": "piet" """)]
    [InlineData("contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{p}"], "summ""")]
    [InlineData("assign", """[{"owner": "piet"}]""")]
    [InlineData("assign", "\"piet\"")]
    [InlineData("assign", "42")]
    [InlineData("assign", "")]
    [InlineData("assign", "   ")]
    [InlineData("assign", "\u0001")]
    [InlineData("assign", "{\"owner\": \"pi\u0001et\"}")]
    [InlineData("assign", """{"owner": "pi\uD800et"}""")]
    [InlineData("assign", """{"owner": "pi\uDC00"}""")]
    // wrong types
    [InlineData("assign", """{"owner": 42}""")]
    [InlineData("assign", """{"owner": ["piet"]}""")]
    [InlineData("assign", """{"owner": {"name": "piet"}}""")]
    [InlineData("participants", """{"role": "parent", "displayName": 42}""")]
    [InlineData("participants", """{"role": "parent", "displayName": "Fatima", "participantId": "not-a-guid"}""")]
    [InlineData("participants", """{"role": "parent", "displayName": "Fatima", "contact": "06-1234"}""")]
    [InlineData("contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": "{p}", "summary": "Gebeld"}""")]
    [InlineData("contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["not-a-guid"], "summary": "Gebeld"}""")]
    [InlineData("contacts", """{"occurredAt": "gisteren", "kind": "phone", "participantIds": ["{p}"], "summary": "Gebeld"}""")]
    [InlineData("contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{p}"], "summary": true}""")]
    [InlineData("agreements", """{"parties": ["{p}"], "gives": "Oppassen", "dueOn": "volgende week"}""")]
    [InlineData("connections", """{"network": "Voetbalclub", "participantIds": ["{p}"], "purpose": "Trainen"}""")]
    // unknown enum values
    [InlineData("participants", """{"role": "mayor", "displayName": "Fatima"}""")]
    [InlineData("participants", """{"role": "parents", "displayName": "Fatima"}""")]
    [InlineData("contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "letter", "participantIds": ["{p}"], "summary": "Brief"}""")]
    [InlineData("strengths", """{"category": "money", "description": "Heeft geld"}""")]
    [InlineData("connections", """{"network": {"name": "Club", "kind": "club"}, "participantIds": ["{p}"], "purpose": "Trainen"}""")]
    [InlineData("close", """{"outcome": "done", "summary": "Klaar"}""")]
    [InlineData("phase", """{"to": "finished"}""")]
    [InlineData("phase", """{"to": ""}""")]
    // integer enum values, as numbers and as numeric strings
    [InlineData("participants", """{"role": 1, "displayName": "Fatima"}""")]
    [InlineData("participants", """{"role": "1", "displayName": "Fatima"}""")]
    [InlineData("contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": 0, "participantIds": ["{p}"], "summary": "Gebeld"}""")]
    [InlineData("strengths", """{"category": 99, "description": "Heeft tijd"}""")]
    [InlineData("phase", """{"to": 1}""")]
    [InlineData("phase", """{"to": "2"}""")]
    [InlineData("close", """{"outcome": 4, "summary": "Gestopt"}""")]
    // missing required fields, and nulls where a value is required
    [InlineData("assign", "{}")]
    [InlineData("assign", """{"owner": null}""")]
    [InlineData("participants", """{"role": "parent"}""")]
    [InlineData("participants", """{"displayName": "Fatima"}""")]
    [InlineData("participants/{p}/leave", "{}")]
    [InlineData("contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{p}"]}""")]
    [InlineData("contacts", """{"kind": "phone", "participantIds": ["{p}"], "summary": "Gebeld"}""")]
    [InlineData("contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "summary": "Gebeld"}""")]
    [InlineData("contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": null, "summary": "Gebeld"}""")]
    [InlineData("strengths", """{"description": "Heeft tijd"}""")]
    [InlineData("connections", """{"participantIds": ["{p}"], "purpose": "Trainen"}""")]
    [InlineData("agreements", """{"parties": ["{p}"]}""")]
    [InlineData("agreements/{a}/fulfil", "{}")]
    [InlineData("agreements/{a}/break", """{"note": null}""")]
    [InlineData("phase", "{}")]
    [InlineData("close", """{"summary": "Klaar"}""")]
    [InlineData("close", """{"outcome": "stopped"}""")]
    [InlineData("reopen", "{}")]
    public async Task A_body_that_cannot_be_read_as_the_command_is_a_400_and_appends_nothing(string route, string body)
    {
        var setup = await CaseWithParentAndAgreement();

        (await setup.Caller.PostRaw(setup.Url(route), setup.Fill(body))).ShouldBeBadRequest();

        Assert.Equal(setup.Version, await setup.Caller.CurrentVersion(setup.CaseId));
    }

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        { "assign", """{"owner": ""}""", "owner" },
        { "assign", """{"owner": "   "}""", "owner" },
        { "assign", """{"owner": "\t\n"}""", "owner" },
        { "assign", """{"owner": "pi\u0001et"}""", "owner" },
        { "assign", """{"owner": "pi\u001Fet"}""", "owner" },
        { "assign", """{"owner": "pi\u007Fet"}""", "owner" },
        { "assign", $$"""{"owner": "{{new string('p', 201)}}"}""", "owner" },
        { "participants", """{"role": "parent", "displayName": ""}""", "displayName" },
        { "participants", """{"role": "parent", "displayName": "Fa\u0001tima"}""", "displayName" },
        { "participants", """{"participantId": "00000000-0000-0000-0000-000000000000", "role": "parent", "displayName": "Fatima"}""", "participantId" },
        { "participants", $$$"""{"role": "parent", "displayName": "Fatima", "contact": {"phone": "{{{new string('6', 51)}}}"}}""", "contact.phone" },
        { "participants/{p}/leave", """{"reason": " "}""", "reason" },
        { "contacts", $$"""{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{p}"], "summary": "{{new string('x', 5000)}}"}""", "summary" },
        { "contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{p}"], "summary": "Ge\u0001beld"}""", "summary" },
        { "contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{p}"], "summary": ""}""", "summary" },
        { "contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["00000000-0000-0000-0000-000000000000"], "summary": "Gebeld"}""", "participantIds" },
        { "contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{p}", "00000000-0000-0000-0000-000000000000"], "summary": "Gebeld"}""", "participantIds" },
        { "contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": [], "summary": "Gebeld"}""", "participantIds" },
        { "contacts", """{"occurredAt": "2999-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{p}"], "summary": "Gebeld"}""", "occurredAt" },
        { "strengths", """{"participantId": "00000000-0000-0000-0000-000000000000", "category": "time", "description": "Heeft tijd"}""", "participantId" },
        { "strengths", """{"category": "time", "description": "   "}""", "description" },
        { "connections", """{"network": {"name": "", "kind": "informal"}, "participantIds": ["{p}"], "purpose": "Trainen"}""", "network.name" },
        { "connections", """{"network": {"name": "Club", "kind": "informal"}, "participantIds": ["00000000-0000-0000-0000-000000000000"], "purpose": "Trainen"}""", "participantIds" },
        { "agreements", """{"parties": [], "gives": "Oppassen"}""", "parties" },
        { "agreements", """{"parties": ["{p}"], "gives": "\u0001"}""", "gives" },
        { "agreements/{a}/fulfil", """{"note": ""}""", "note" },
        { "agreements/{a}/break", $$"""{"note": "{{new string('n', 4001)}}"}""", "note" },
        { "phase", """{"to": "strengthen", "reason": "\u0001"}""", "reason" },
        { "close", """{"outcome": "stopped", "summary": " "}""", "summary" },
        { "reopen", """{"reason": ""}""", "reason" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_field_is_a_400_validation_problem_naming_it_and_appends_nothing(string route, string body, string field)
    {
        var setup = await CaseWithParentAndAgreement();

        (await setup.Caller.PostRaw(setup.Url(route), setup.Fill(body))).ShouldBeBadRequest(validation: true, field);

        Assert.Equal(setup.Version, await setup.Caller.CurrentVersion(setup.CaseId));
    }

    public static TheoryData<string, string?> BadNewCases => new()
    {
        { """{"domain": "sport", "title": "Zonder buurt"}""", null },
        { """{"domain": "sport", "neighbourhood": null, "title": "Zonder buurt"}""", null },
        { """{"neighbourhood": {"code": "E38", "name": "Slotermeer", "district": "Nieuw-West"}, "title": "Zonder domein"}""", null },
        { """{"domain": "sport", "neighbourhood": {"code": "E38", "name": "Slotermeer", "district": "Nieuw-West"}}""", null },
        { """{"domain": "football", "neighbourhood": {"code": "E38", "name": "Slotermeer", "district": "Nieuw-West"}, "title": "Voetbal"}""", null },
        { """{"domain": 2, "neighbourhood": {"code": "E38", "name": "Slotermeer", "district": "Nieuw-West"}, "title": "Voetbal"}""", null },
        { """{"domain": "sport", "neighbourhood": {"code": "E38", "name": "Slotermeer", "district": "Nieuw-West"}, "title": 42}""", null },
        { """{"domain": "sport", "neighbourhood": "E38", "title": "Voetbal"}""", null },
        { """{"domain": "sport", "neighbourhood": {"code": "E38", "name": "Slotermeer", "district": "Nieuw-West"}, "title": "Voetbal" """, null },
        { """[]""", null },
        { "", null },
        { """{"domain": "sport", "neighbourhood": {"code": "E38", "name": "Slotermeer", "district": "Nieuw-West"}, "title": ""}""", "title" },
        { """{"domain": "sport", "neighbourhood": {"code": "E38", "name": "Slotermeer", "district": "Nieuw-West"}, "title": "  "}""", "title" },
        { """{"domain": "sport", "neighbourhood": {"code": "E38", "name": "Slotermeer", "district": "Nieuw-West"}, "title": "Voet\u0001bal"}""", "title" },
        { $$"""{"domain": "sport", "neighbourhood": {"code": "E38", "name": "Slotermeer", "district": "Nieuw-West"}, "title": "{{new string('t', 201)}}"}""", "title" },
        { $$"""{"domain": "sport", "neighbourhood": {"code": "E38", "name": "Slotermeer", "district": "Nieuw-West"}, "title": "Voetbal", "description": "{{new string('d', 5000)}}"}""", "description" },
        { """{"domain": "sport", "neighbourhood": {"code": "", "name": "Slotermeer", "district": "Nieuw-West"}, "title": "Voetbal"}""", "neighbourhood.code" },
    };

    [Theory]
    [MemberData(nameof(BadNewCases))]
    public async Task A_bad_new_case_is_a_400_and_opens_nothing(string body, string? field)
    {
        var caller = api.NewTenant();

        (await caller.PostRaw("/api/cases", body)).ShouldBeBadRequest(validation: field is not null, field is null ? [] : [field]);

        Assert.Equal(0, (long)(await caller.Get("/api/cases")).ShouldBe(200).Json["total"]!);
    }

    [Theory]
    [InlineData("contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{p}", "{x}"], "summary": "Gebeld"}""")]
    [InlineData("strengths", """{"participantId": "{x}", "category": "time", "description": "Heeft tijd"}""")]
    [InlineData("connections", """{"network": {"name": "Club", "kind": "informal"}, "participantIds": ["{x}"], "purpose": "Trainen"}""")]
    [InlineData("agreements", """{"parties": ["{x}"], "gives": "Oppassen"}""")]
    public async Task Naming_a_participant_the_case_does_not_have_is_a_409_unknown_participant(string route, string body)
    {
        var setup = await CaseWithParentAndAgreement();

        (await setup.Caller.PostRaw(setup.Url(route), setup.Fill(body).Replace("{x}", Guid.NewGuid().ToString())))
            .ShouldBeProblem(409, "unknown-participant").ShouldHaveCleanDetail();

        Assert.Equal(setup.Version, await setup.Caller.CurrentVersion(setup.CaseId));
    }

    [Theory]
    [InlineData("GET", "/api/cases/not-a-guid")]
    [InlineData("GET", "/api/cases/12345")]
    [InlineData("GET", "/api/cases/00000000-0000-0000-0000-000000000000")]
    [InlineData("POST", "/api/cases/not-a-guid/assign")]
    [InlineData("POST", "/api/cases/%27%20or%201%3D1--/assign")]
    public async Task A_case_id_that_is_not_a_case_is_a_4xx_not_a_500(string method, string url)
    {
        var caller = api.NewTenant();

        var response = method == "GET" ? await caller.Get(url) : await caller.Post(url, new { owner = "piet" });

        Assert.True(response.Status is >= 400 and < 500, $"Expected a 4xx, got {response.Status}: {response.Body}");
    }

    [Theory]
    [MemberData(nameof(Security.RoleTests.Commands), MemberType = typeof(Security.RoleTests))]
    public async Task The_empty_guid_as_case_id_is_a_404_not_a_500_on_every_command_route(string route, string body)
    {
        var caller = api.NewTenant();
        string Fill(string text) => text.Replace("{p}", Guid.NewGuid().ToString()).Replace("{a}", Guid.NewGuid().ToString());

        var response = await caller.PostRaw($"/api/cases/{Guid.Empty}/{Fill(route)}", Fill(body));

        // No case has the empty id: 404 like any unknown case (a 400 for an invalid id would do too), never a 500.
        response.ShouldBeProblem(response.Status is 400 ? 400 : 404).ShouldHaveCleanDetail();
    }

    [Theory]
    [MemberData(nameof(Security.RoleTests.Commands), MemberType = typeof(Security.RoleTests))]
    public async Task A_json_null_body_is_a_400_on_every_command_route_and_appends_nothing(string route, string _)
    {
        var setup = await CaseWithParentAndAgreement();

        (await setup.Caller.PostRaw(setup.Url(route), "null")).ShouldBeBadRequest();

        Assert.Equal(setup.Version, await setup.Caller.CurrentVersion(setup.CaseId));
    }

    [Fact]
    public async Task A_json_null_body_opens_no_case()
    {
        var caller = api.NewTenant();

        (await caller.PostRaw("/api/cases", "null")).ShouldBeBadRequest();

        Assert.Equal(0, (long)(await caller.Get("/api/cases")).ShouldBe(200).Json["total"]!);
    }

    [Theory]
    [InlineData("participants/not-a-guid/leave", """{"reason": "Verhuisd"}""")]
    [InlineData("participants/00000000-0000-0000-0000-000000000000/leave", """{"reason": "Verhuisd"}""")]
    [InlineData("participants/{x}/leave", """{"reason": "Verhuisd"}""")]
    [InlineData("agreements/not-a-guid/fulfil", """{"note": "Gedaan"}""")]
    [InlineData("agreements/12/break", """{"note": "Niet gedaan"}""")]
    [InlineData("agreements/{x}/break", """{"note": "Niet gedaan"}""")]
    public async Task A_participant_or_agreement_id_that_is_not_one_of_the_case_is_a_4xx_and_appends_nothing(string route, string body)
    {
        var setup = await CaseWithParentAndAgreement();

        var response = await setup.Caller.PostRaw(setup.Url(route).Replace("{x}", Guid.NewGuid().ToString()), body);

        Assert.True(response.Status is >= 400 and < 500, $"Expected a 4xx, got {response.Status}: {response.Body}");
        Assert.Equal(setup.Version, await setup.Caller.CurrentVersion(setup.CaseId));
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    [InlineData("pageSize=abc")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=201")]
    [InlineData("pageSize=500")]
    [InlineData("page=99999999999")]
    [InlineData("page=2147483647&pageSize=200")]
    [InlineData("q=a%00b")]
    [InlineData("owner=%00")]
    [InlineData("neighbourhood=E3%018")]
    [InlineData("domain=x")]
    [InlineData("phase=finished")]
    [InlineData("status=archived")]
    [InlineData("sort=bogus")]
    [InlineData("sort=-")]
    [InlineData("sort=searchText")]
    public async Task An_unknown_or_invalid_list_query_value_is_a_400(string query)
    {
        var caller = api.NewTenant();

        (await caller.Get("/api/cases?" + query)).ShouldBeBadRequest();
    }

    [Fact]
    public async Task A_too_long_search_text_is_a_400()
    {
        var caller = api.NewTenant();

        (await caller.Get("/api/cases?q=" + new string('q', 201))).ShouldBeBadRequest(validation: true, "q");
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_a_413_problem_and_appends_nothing()
    {
        var setup = await CaseWithParentAndAgreement();
        var body = $$"""{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{{setup.Parent}}"], "summary": "{{new string('x', 1024 * 1024 + 10)}}"}""";

        var problem = (await setup.Caller.PostRaw(setup.Url("contacts"), body)).ShouldBeProblem(413);

        problem.ShouldHaveCleanDetail();
        Assert.Equal(setup.Version, await setup.Caller.CurrentVersion(setup.CaseId));
    }

    [Fact]
    public async Task A_body_over_one_megabyte_without_a_content_length_is_refused_too()
    {
        var setup = await CaseWithParentAndAgreement();
        var body = $$"""{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{{setup.Parent}}"], "summary": "{{new string('x', 1024 * 1024 + 10)}}"}""";
        var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/json");

        var response = await setup.Caller.Send(HttpMethod.Post, setup.Url("contacts"), content);

        Assert.True(response.Status is 400 or 413, $"Expected 413 (or 400), got {response.Status}: {response.Body}");
        Assert.Equal(setup.Version, await setup.Caller.CurrentVersion(setup.CaseId));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_and_appends_nothing()
    {
        var setup = await CaseWithParentAndAgreement();
        var content = new StringContent("owner=piet", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await setup.Caller.Send(HttpMethod.Post, setup.Url("assign"), content);

        Assert.True(response.Status is 400 or 415, $"Expected 400 or 415, got {response.Status}: {response.Body}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(setup.Version, await setup.Caller.CurrentVersion(setup.CaseId));
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_400()
    {
        var setup = await CaseWithParentAndAgreement();
        var body = "{\"owner\": \"piet\", \"extra\": " + new string('[', 5000) + new string(']', 5000) + "}";

        (await setup.Caller.PostRaw(setup.Url("assign"), body)).ShouldBeBadRequest();
        Assert.Equal(setup.Version, await setup.Caller.CurrentVersion(setup.CaseId));
    }

    /// <summary>A body the client cannot announce a length for (chunked upload).</summary>
    private sealed class NonSeekableStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
