using JasperFx.CodeGeneration;
using Wolverine.Http;

namespace Participation.Host.Http;

/// <summary>Endpoint metadata: the answer carries personal data, so no cache (browser, proxy) may keep it: <c>Cache-Control: no-store</c>.</summary>
public sealed class NoStoreEndpoint
{
    public static readonly NoStoreEndpoint Metadata = new();

    private NoStoreEndpoint() { }
}

/// <summary>Marks an endpoint whose answer carries personal data (answers revealed by Privacy are marked already).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NoStoreAttribute : ModifyHttpChainAttribute
{
    public override void Modify(HttpChain chain, GenerationRules rules) => chain.Metadata.WithMetadata(NoStoreEndpoint.Metadata);
}
