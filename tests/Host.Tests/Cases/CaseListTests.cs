using System.Text.Json.Nodes;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Cases;

/// <summary><c>GET /api/cases</c>: filters, text search, paging and sorting over a small spread of cases in one tenant.</summary>
[Collection(ApiCollection.Name)]
public sealed class CaseListTests(ApiFixture api)
{
    private sealed record Spread(Caller Caller, Guid Alpha, Guid Bravo, Guid Charlie, Guid Delta, Guid Echo)
    {
        public Dictionary<Guid, string> Names => new()
        {
            [Alpha] = nameof(Alpha), [Bravo] = nameof(Bravo), [Charlie] = nameof(Charlie), [Delta] = nameof(Delta), [Echo] = nameof(Echo),
        };
    }

    /// <summary>
    /// Alpha: sport, E38, owner piet, strengthen, touched last. Bravo: jeugdzorg, A01, closed (stopped).
    /// Charlie: ouderparticipatie, E38, owner klaas. Delta: sport, K24 Bijlmer. Echo: sport, A01, owner piet.
    /// </summary>
    private async Task<Spread> BuildSpread()
    {
        var caller = api.NewTenant();
        var alpha = await caller.OpenCase(Scenarios.NewCase("sport", "Alpha voetbaltoernooi", "E38", "Slotermeer-Noordoost", "Nieuw-West", "Moeders organiseren een toernooi"));
        var bravo = await caller.OpenCase(Scenarios.NewCase("jeugdzorg", "Bravo huiswerkklas", "A01", "Burgwallen-Oude Zijde", "Centrum", "Jongeren helpen elkaar"));
        var charlie = await caller.OpenCase(Scenarios.NewCase("ouderparticipatie", "Charlie kookcafé", "E38", "Slotermeer-Noordoost", "Nieuw-West", "Ouders koken samen"));
        var delta = await caller.OpenCase(Scenarios.NewCase("sport", "Delta zwemles", "K24", "Bijlmer-Centrum", "Zuidoost", "Zwemdiploma voor moeders"));
        var echo = await caller.OpenCase(Scenarios.NewCase("sport", "Echo hardloopgroep", "A01", "Burgwallen-Oude Zijde", "Centrum", null));

        (await caller.Post($"/api/cases/{bravo}/close", new { outcome = "stopped", summary = "Geen animo" })).ShouldBe(200);
        (await caller.Post($"/api/cases/{charlie}/assign", new { owner = "klaas" })).ShouldBe(200);
        (await caller.Post($"/api/cases/{echo}/assign", new { owner = "piet" })).ShouldBe(200);
        var parent = await caller.AddParticipant(alpha);
        await caller.RecordContact(alpha, parent);
        await caller.ChangePhase(alpha, "strengthen");
        (await caller.Post($"/api/cases/{alpha}/assign", new { owner = "piet" })).ShouldBe(200);
        return new Spread(caller, alpha, bravo, charlie, delta, echo);
    }

    private static async Task<JsonNode> List(Caller caller, string query) =>
        (await caller.Get("/api/cases" + query)).ShouldBe(200).Json;

    private static string[] Names(Spread spread, JsonNode page) =>
        page["items"]!.AsArray().Select(i => spread.Names[(Guid)i!["id"]!]).ToArray();

    private static async Task ShouldList(Spread spread, string query, params string[] expected)
    {
        var page = await List(spread.Caller, query + (query.Contains('?') ? "&" : "?") + "sort=title");
        Assert.Equal(expected, Names(spread, page));
        Assert.Equal(expected.Length, (long)page["total"]!);
    }

    [Fact]
    public async Task A_page_and_what_its_total_is_taken_from_travel_in_one_round_trip()
    {
        var spread = await BuildSpread();
        await List(spread.Caller, "?q=e"); // the search's own data source loads PostgreSQL's types on its first connection
        using var trips = new DatabaseTrips(spread.Caller.Tenant);

        var shortPage = await List(spread.Caller, "");
        var searched = await List(spread.Caller, "?q=e&pageSize=2");
        var filtered = await List(spread.Caller, "?domain=sport&neighbourhood=A01&status=open&pageSize=1");

        Assert.Equal(5, (long)shortPage["total"]!);
        Assert.Equal(2, searched["items"]!.AsArray().Count);
        Assert.True((long)searched["total"]! > 2, "a full page of a search counts its matches");
        Assert.Equal(1, (long)filtered["total"]!);
        Assert.Equal([1, 1, 1], trips.PerRequest());
    }

    [Fact]
    public async Task Filters_select_by_domain_phase_status_neighbourhood_and_owner_and_combine()
    {
        var spread = await BuildSpread();

        await ShouldList(spread, "", "Alpha", "Bravo", "Charlie", "Delta", "Echo");
        await ShouldList(spread, "?domain=sport", "Alpha", "Delta", "Echo");
        await ShouldList(spread, "?domain=jeugdzorg", "Bravo");
        await ShouldList(spread, "?domain=ouderparticipatie", "Charlie");
        await ShouldList(spread, "?phase=strengthen", "Alpha");
        await ShouldList(spread, "?phase=engage", "Bravo", "Charlie", "Delta", "Echo");
        await ShouldList(spread, "?phase=connect");
        await ShouldList(spread, "?status=closed", "Bravo");
        await ShouldList(spread, "?status=open", "Alpha", "Charlie", "Delta", "Echo");
        await ShouldList(spread, "?neighbourhood=E38", "Alpha", "Charlie");
        await ShouldList(spread, "?neighbourhood=A01", "Bravo", "Echo");
        await ShouldList(spread, "?neighbourhood=Z99");
        await ShouldList(spread, "?owner=piet", "Alpha", "Echo");
        await ShouldList(spread, "?owner=klaas", "Charlie");
        await ShouldList(spread, "?owner=nobody");
        await ShouldList(spread, "?domain=sport&owner=piet&neighbourhood=A01", "Echo");
        await ShouldList(spread, "?domain=sport&status=closed");
        await ShouldList(spread, "?domain=SPORT", "Alpha", "Delta", "Echo");
    }

    [Fact]
    public async Task The_list_items_carry_the_summary_of_each_case()
    {
        var spread = await BuildSpread();

        var page = await List(spread.Caller, "?neighbourhood=E38&sort=title");
        var alpha = page["items"]![0]!;

        Assert.Equal(spread.Alpha, (Guid)alpha["id"]!);
        Assert.Equal("sport", (string?)alpha["domain"]);
        Assert.Equal("E38", (string?)alpha["neighbourhood"]!["code"]);
        Assert.Equal("Alpha voetbaltoernooi", (string?)alpha["title"]);
        Assert.Equal("strengthen", (string?)alpha["phase"]);
        Assert.Equal("open", (string?)alpha["status"]);
        Assert.Equal("piet", (string?)alpha["owner"]);
        Assert.Equal(await spread.Caller.CurrentVersion(spread.Alpha), (long)alpha["version"]!);
        Assert.Equal("stopped", (string?)(await List(spread.Caller, "?status=closed"))["items"]![0]!["outcome"]);
    }

    [Fact]
    public async Task The_text_search_ignores_case_and_looks_at_title_description_and_neighbourhood_name()
    {
        var spread = await BuildSpread();

        await ShouldList(spread, "?q=voetbal", "Alpha");
        await ShouldList(spread, "?q=VOETBAL", "Alpha");
        await ShouldList(spread, "?q=VoetBalToer", "Alpha");
        await ShouldList(spread, "?q=koken%20samen", "Charlie");
        await ShouldList(spread, "?q=moeders", "Alpha", "Delta");
        await ShouldList(spread, "?q=slotermeer", "Alpha", "Charlie");
        await ShouldList(spread, "?q=BIJLMER", "Delta");
        await ShouldList(spread, "?q=oude%20zijde", "Bravo", "Echo");
        await ShouldList(spread, "?q=kookcaf%C3%A9", "Charlie");
        await ShouldList(spread, "?q=tennis");
        await ShouldList(spread, "?q=moeders&domain=sport&neighbourhood=K24", "Delta");
    }

    [Theory]
    [InlineData("%25")]
    [InlineData("_")]
    [InlineData("%5C")]
    [InlineData("%27")]
    public async Task Search_text_is_taken_literally_not_as_a_pattern(string q)
    {
        var spread = await BuildSpread();

        await ShouldList(spread, "?q=" + q);
    }

    [Fact]
    public async Task Pages_split_the_list_and_the_last_page_is_partial()
    {
        var spread = await BuildSpread();

        var first = await List(spread.Caller, "?sort=title&pageSize=2");
        var second = await List(spread.Caller, "?sort=title&pageSize=2&page=2");
        var last = await List(spread.Caller, "?sort=title&pageSize=2&page=3");

        Assert.Equal(["Alpha", "Bravo"], Names(spread, first));
        Assert.Equal(["Charlie", "Delta"], Names(spread, second));
        Assert.Equal(["Echo"], Names(spread, last));
        foreach (var (page, number) in new[] { (first, 1), (second, 2), (last, 3) })
        {
            Assert.Equal(number, (int)page["page"]!);
            Assert.Equal(2, (int)page["pageSize"]!);
            Assert.Equal(5, (long)page["total"]!);
        }

        var filtered = await List(spread.Caller, "?domain=sport&sort=title&pageSize=2&page=2");
        Assert.Equal(["Echo"], Names(spread, filtered));
        Assert.Equal(3, (long)filtered["total"]!);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("-lastActivityAt")]
    [InlineData("openedAt")]
    [InlineData("-neighbourhood")]
    [InlineData("phase")]
    public async Task The_after_cursor_continues_the_list_where_the_page_ended_in_every_sort(string sort)
    {
        var spread = await BuildSpread();
        var whole = Names(spread, await List(spread.Caller, $"?sort={sort}"));

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await List(spread.Caller, $"?sort={sort}&pageSize=2" + (after is null ? "" : $"&after={after}"));
            seen.AddRange(Names(spread, page));
            Assert.Equal((5L, false), ((long)page["total"]!, (bool)page["totalEstimated"]!));
            after = (string?)page["after"];
        } while (after is not null);

        Assert.Equal(whole, seen);
    }

    [Fact]
    public async Task A_cursor_of_another_sort_or_a_made_up_one_is_refused()
    {
        var spread = await BuildSpread();
        var after = (string)(await List(spread.Caller, "?sort=title&pageSize=2"))["after"]!;

        (await spread.Caller.Get($"/api/cases?sort=openedAt&after={after}")).ShouldBeBadRequest();
        (await spread.Caller.Get("/api/cases?after=not-a-cursor")).ShouldBeBadRequest();
    }

    [Fact]
    public async Task A_page_beyond_the_last_is_empty_and_still_tells_the_total()
    {
        var spread = await BuildSpread();

        var beyond = await List(spread.Caller, "?sort=title&pageSize=2&page=4");

        Assert.Empty(beyond["items"]!.AsArray());
        Assert.Equal(4, (int)beyond["page"]!);
        Assert.Equal(2, (int)beyond["pageSize"]!);
        Assert.Equal(5, (long)beyond["total"]!);
    }

    [Fact]
    public async Task The_default_page_is_the_first_with_fifty_and_at_most_two_hundred_may_be_asked()
    {
        var spread = await BuildSpread();

        var defaults = await List(spread.Caller, "");
        Assert.Equal(1, (int)defaults["page"]!);
        Assert.Equal(50, (int)defaults["pageSize"]!);
        Assert.Equal(5, defaults["items"]!.AsArray().Count);

        Assert.Equal(200, (int)(await List(spread.Caller, "?pageSize=200"))["pageSize"]!);
        (await spread.Caller.Get("/api/cases?pageSize=201")).ShouldBeBadRequest();
    }

    [Fact]
    public async Task Sorting_by_title_ascending_and_descending()
    {
        var spread = await BuildSpread();

        Assert.Equal(["Alpha", "Bravo", "Charlie", "Delta", "Echo"], Names(spread, await List(spread.Caller, "?sort=title")));
        Assert.Equal(["Echo", "Delta", "Charlie", "Bravo", "Alpha"], Names(spread, await List(spread.Caller, "?sort=-title")));
    }

    [Fact]
    public async Task By_default_the_case_with_the_newest_activity_comes_first()
    {
        var spread = await BuildSpread();

        var page = await List(spread.Caller, "");

        // Alpha was touched last, then Echo and Charlie were assigned, Bravo closed; Delta has not changed since it was opened.
        Assert.Equal(["Alpha", "Echo", "Charlie", "Bravo", "Delta"], Names(spread, page));
        var activity = page["items"]!.AsArray().Select(i => (DateTimeOffset)i!["lastActivityAt"]!).ToArray();
        Assert.Equal(activity.OrderDescending(), activity);
        Assert.Equal(Names(spread, page), Names(spread, await List(spread.Caller, "?sort=-lastActivityAt")));
        Assert.Equal(Names(spread, page).Reverse(), Names(spread, await List(spread.Caller, "?sort=lastActivityAt")));
    }

    [Fact]
    public async Task Sorting_by_opening_time()
    {
        var spread = await BuildSpread();

        Assert.Equal(["Alpha", "Bravo", "Charlie", "Delta", "Echo"], Names(spread, await List(spread.Caller, "?sort=openedAt")));
        Assert.Equal(["Echo", "Delta", "Charlie", "Bravo", "Alpha"], Names(spread, await List(spread.Caller, "?sort=-openedAt")));
    }

    [Fact]
    public async Task An_empty_tenant_has_an_empty_list()
    {
        var page = await List(api.NewTenant(), "");

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(0, (long)page["total"]!);
    }
}
