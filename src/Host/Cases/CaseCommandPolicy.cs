using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using Marten;
using Participation.Domain.Cases;
using Participation.Host.Http;
using Participation.Host.Security;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace Participation.Host.Cases;

/// <summary>
/// A case command is an endpoint that asks for a <see cref="Stamp"/>, the who and when its events carry.
/// It gets the stamp from the token and the server's clock; its session records the acting user, a
/// correlation id (the caller's <c>X-Correlation-Id</c>, else this request's trace id) and a causation id
/// (this request) on every event; and it honours an <c>Idempotency-Key</c>.
/// </summary>
public sealed class CaseCommandPolicy : IHttpPolicy, IParameterStrategy
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(chain => chain.Method.Method.GetParameters().Any(IsStamp))) Idempotency.Apply(chain);
    }

    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        variable = null;
        if (!IsStamp(parameter)) return false;
        var stamp = new MethodCall(typeof(CaseCommandPolicy), nameof(Stamp));
        chain.Middleware.Add(stamp);
        variable = stamp.ReturnVariable;
        return true;
    }

    public static Stamp Stamp(IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var user = http.User.UserName();
        session.LastModifiedBy = user;
        var correlation = http.Request.Headers[CorrelationHeader].ToString();
        session.CorrelationId = correlation is { Length: > 0 and <= 100 }
            ? correlation
            : System.Diagnostics.Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        session.CausationId = http.TraceIdentifier;
        return new Stamp(user, clock.GetUtcNow());
    }

    private static bool IsStamp(ParameterInfo parameter) => parameter.ParameterType == typeof(Stamp);
}
