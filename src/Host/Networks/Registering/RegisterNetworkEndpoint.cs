using System.Reflection;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Domain.Networks.Registering;
using Participation.Host.Http;
using Participation.Host.Security;
using Wolverine.Http;
using Wolverine.Marten;

namespace Participation.Host.Networks.Registering;

/// <summary>201 with <c>Location: /api/networks/{id}</c>, <c>ETag</c>, and <c>{id, version}</c>.</summary>
public sealed record NetworkCreated(Guid Id, long Version) : IHttpAware
{
    public void Apply(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = $"{NetworkRoutes.Networks}/{Id}";
        context.Response.Headers.ETag = IfMatch.ETag(Version);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(NetworkCreated), ["application/json"]));
}

public static class RegisterNetworkEndpoint
{
    /// <summary>A network on the tenant's map; the same name and kind (compared without case, accents or surrounding spaces) twice is a 409 naming the existing one.</summary>
    [EndpointSummary("Register a network")]
    [WolverinePost(NetworkRoutes.Networks, OperationId = "RegisterNetwork"), Authorize(Policy = Policies.WriteNetworks)]
    public static async Task<(NetworkCreated, IStartStream)> Post(RegisterNetwork command, Stamp stamp, IDocumentSession session, CancellationToken cancellation)
    {
        command.Validated();
        if (await NetworkDirectory.ClaimedByAsync(session, command.Name, command.Kind, cancellation) is { } existing)
            throw new NetworkRuleViolated(NetworkRules.NetworkExists, $"The tenant already has a network of this name and kind: {existing}.", existing);
        var id = await NetworkDirectory.NewIdAsync(session, command.Name, command.Kind, cancellation);
        return (new NetworkCreated(id, 1), MartenOps.StartStream<NetworkState>(id, command.Decide(id, stamp)));
    }
}
