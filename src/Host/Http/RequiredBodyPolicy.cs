using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;

namespace Participation.Host.Http;

/// <summary>
/// A JSON <c>null</c> body deserializes to no command at all; refuse it as a malformed request
/// (400) before any endpoint runs, instead of letting the endpoint trip over it.
/// </summary>
public static class RequiredBodyPolicy
{
    public static void Apply(HttpChain chain)
    {
        if (!chain.HasRequestType) return;
        var guard = typeof(RequiredBodyPolicy).GetMethod(nameof(Require))!.MakeGenericMethod(chain.RequestType!);
        chain.Middleware.Insert(0, new MethodCall(typeof(RequiredBodyPolicy), guard));
    }

    public static void Require<T>(T? body) where T : class
    {
        if (body is null) throw new BadHttpRequestException("The request body is required: a JSON object, not null.");
    }
}
