using Participation.Domain.Cases;
using Participation.Domain.Networks.Merging;
using Participation.Domain.Networks.Registering;
using Participation.Domain.Networks.Retiring;
using Participation.Domain.Networks.Updating;
using Participation.Host.Http;

namespace Participation.Host.Networks;

/// <summary>An example body for every network command in the OpenAPI document: a women's group of a mosque in Slotermeer.</summary>
public static class NetworkCommandExamples
{
    private static readonly Neighbourhood Slotermeer = new("E38", "Slotermeer-Noordoost", "Nieuw-West");

    public static IServiceCollection AddNetworkCommandExamples(this IServiceCollection services) => services
        .AddRequestExample(new RegisterNetwork("Vrouwengroep Moskee Slotermeer", NetworkKind.Faith, [Slotermeer],
            "Koffieochtend op dinsdag; moeders helpen elkaar met school en formulieren.", "Moskee Slotermeer"))
        .AddRequestExample(new UpdateNetwork(Kind: NetworkKind.Faith, ActiveIn: [Slotermeer, new Neighbourhood("E39", "Slotermeer-Zuidwest", "Nieuw-West")]))
        .AddRequestExample(new MergeNetwork(Guid.Parse("01930c2e-7b1a-7c3d-9e4f-5a6b7c8d9e10")))
        .AddRequestExample(new RetireNetwork("De groep is na de zomer niet meer begonnen."))
        .AddRequestExample(new ReactivateNetwork("De groep komt weer elke dinsdag samen."));
}
