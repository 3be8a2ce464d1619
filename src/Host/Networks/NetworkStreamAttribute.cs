using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using JasperFx.Events;
using Participation.Host.Http;
using Wolverine.Configuration;
using Wolverine.Http;
using Wolverine.Marten;

namespace Participation.Host.Networks;

/// <summary>
/// The stream of the network a command changes, named by the <c>{networkId}</c> route segment, checked against
/// <c>If-Match</c> (412) and answered with its new version as <c>ETag</c>. The stream may not exist yet: a network only
/// connections have named is registered by the command that first changes it (<see cref="NetworkStreams.CurrentAsync"/>).
/// </summary>
public sealed class NetworkStreamAttribute : WriteAggregateAttribute
{
    public NetworkStreamAttribute() : base("networkId")
    {
        Required = false;
    }

    public override Variable Modify(IChain chain, ParameterInfo parameter, IServiceContainer container, GenerationRules rules)
    {
        var stream = base.Modify(chain, parameter, container, rules);
        chain.Middleware.Add(new MethodCall(typeof(NetworkStreamAttribute), nameof(EnsureIfMatch)));
        chain.Postprocessors.Insert(0, new MethodCall(typeof(NetworkStreamAttribute), nameof(AnswerETag)));
        if (chain is HttpChain http) http.Metadata.WithMetadata(VersionedWriteEndpoint.Metadata);
        return stream;
    }

    public static void EnsureIfMatch(HttpContext http, IEventStream<Domain.Networks.NetworkState> stream) => IfMatch.Ensure(http, stream.StartingVersion ?? 0);

    public static void AnswerETag(HttpContext http, IEventStream<Domain.Networks.NetworkState> stream) =>
        http.Response.Headers.ETag = IfMatch.ETag(stream.CurrentVersion ?? stream.StartingVersion ?? 0);
}
