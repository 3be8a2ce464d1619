using JasperFx.CodeGeneration;
using Wolverine.Http;

namespace Participation.Host.Http;

/// <summary>Marks a write that is not a case command as honouring <c>Idempotency-Key</c> (case commands are, by <c>CaseCommandPolicy</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : ModifyHttpChainAttribute
{
    public override void Modify(HttpChain chain, GenerationRules rules) => Idempotency.Apply(chain);
}
