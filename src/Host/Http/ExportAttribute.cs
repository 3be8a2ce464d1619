using JasperFx.CodeGeneration;
using Wolverine.Http;

namespace Participation.Host.Http;

/// <summary>Marks an endpoint that streams a whole list: it counts against the export rate limit.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ExportAttribute : ModifyHttpChainAttribute
{
    public override void Modify(HttpChain chain, GenerationRules rules) => chain.Metadata.WithMetadata(ExportEndpoint.Metadata);
}
