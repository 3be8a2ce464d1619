using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Networks;

/// <summary>Every network route driven with bodies and ids that are wrong in every way: a clear 4xx problem, never a 500, nothing appended.</summary>
[Collection(ApiCollection.Name)]
public sealed class NetworkBadInputTests(ApiFixture api)
{
    public static TheoryData<string, string> Bodies()
    {
        string[] routes = ["", "/{n}/update", "/{n}/merge", "/{n}/retire", "/{n}/reactivate", "/{u}/update", "/{u}/merge", "/{u}/retire"];
        string[] bodies =
        [
            "", "   ", "null", "42", "\"x\"", "[]", "{", "{\"name\": ", "{}", "\u0001",
            """{"name": 42, "kind": "faith"}""", """{"name": "x", "kind": 3, "activeIn": []}""", """{"name": "x", "kind": "faith", "activeIn": "E38"}""",
            """{"name": "x", "kind": "faith", "activeIn": [null]}""", """{"name": "x", "kind": "faith", "activeIn": [{"code": null}]}""",
            """{"name": "x\uD800", "kind": "faith", "activeIn": [{"code": "E38", "name": "n", "district": "d"}]}""",
            """{"into": "not-a-guid"}""", """{"into": null}""", """{"into": "{u}"}""", """{"reason": 42}""", """{"reason": null}""",
            """{"kind": "club"}""", """{"activeIn": [{"code": "E38", "name": "n", "district": "d"}], "name": ""}""",
        ];
        var data = new TheoryData<string, string>();
        foreach (var route in routes)
        foreach (var body in bodies)
            data.Add(route, body);
        return data;
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task No_body_or_id_makes_a_network_route_fail_with_a_500_or_append_anything(string route, string body)
    {
        var manager = api.NewTenant(Roles.Manager);
        var network = await manager.RegisterNetwork();
        string Fill(string text) => text.Replace("{n}", network.ToString()).Replace("{u}", Guid.NewGuid().ToString());

        var response = await manager.PostRaw("/api/networks" + Fill(route), Fill(body));

        Assert.True(response.Status is >= 400 and < 500 or 200 or 201, $"{route} {body}: {response.Status} {response.Body}");
        if (response.Status >= 400) response.ShouldBeProblem(response.Status);
        if (response.Status >= 400) Assert.Equal(1L, (await manager.Get($"/api/networks/{network}")).ShouldBe(200).Version);
    }
}
