using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Participation.Domain.Retention;
using Participation.Host.Security;

namespace Participation.Host.Retention;

/// <summary>
/// Every route of a destroyed case answers <c>410</c> with a problem naming the list that destroyed it (ADR 34), in one place:
/// a request whose route has a <c>{caseId}</c> under <c>/api/cases</c> is let through as usual, and only when it comes back
/// not found (a <c>404</c> answer, or the exception that becomes one) does this ask the tenant's destruction lists whether
/// they destroyed that case. A case that exists costs nothing extra; an unknown case costs one indexed read.
/// </summary>
public static class DestroyedCases
{
    public const string ProblemType = "https://participation.example/problems/case-destroyed";

    public static IApplicationBuilder UseDestroyedCases(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (CaseOf(context) is not { } caseId || context.User.FindFirstValue(ClaimNames.Tenant) is not { } tenant)
        {
            await next(context);
            return;
        }
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var held = new HeldNotFound(context, original.Stream);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(held));
        Exception? failure = null;
        try
        {
            await next(context);
        }
        catch (Exception e) when (e is Http.ResourceNotFound)
        {
            failure = e;
        }
        finally
        {
            context.Features.Set(original);
        }

        if ((held.Holding || failure is not null) && await ListOfAsync(context, tenant, caseId) is { } listId)
        {
            await WriteGoneAsync(context, caseId, listId);
            return;
        }
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        await held.ReleaseAsync();
    });

    /// <summary>The list that destroyed <paramref name="caseId"/> in <paramref name="tenant"/>, if one did.</summary>
    public static async Task<Guid?> ListOfAsync(HttpContext context, string tenant, Guid caseId)
    {
        var store = context.RequestServices.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(tenant);
        var table = store.Options.FindOrResolveDocumentType(typeof(DestructionList)).TableName.QualifiedName;
        // The list's document holds its cases, a destroyed one marked so; read only when a case route found nothing.
        var lists = await session.AdvancedSql.QueryAsync<Guid>(
            $"select d.id from {table} as d where d.tenant_id = ? and d.data -> 'cases' @> " +
            "jsonb_build_array(jsonb_build_object('item', jsonb_build_object('caseId', ?::text), 'status', 'Destroyed')) limit 1",
            context.RequestAborted, tenant, caseId.ToString());
        return lists.Count > 0 ? lists[0] : null;
    }

    private static Guid? CaseOf(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api/cases") && context.GetRouteValue("caseId") is string value && Guid.TryParse(value, out var id) ? id : null;

    private static async Task WriteGoneAsync(HttpContext context, Guid caseId, Guid listId)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status410Gone;
        var problem = new ProblemDetails
        {
            Type = ProblemType, Title = "The case was destroyed", Status = StatusCodes.Status410Gone,
            Detail = $"Case {caseId} was destroyed under destruction list {listId} (Archiefwet); its declaration is {DestructionRoutes.Lists}/{listId}/report.",
            Extensions = { ["listId"] = listId, ["code"] = "case-destroyed" },
        };
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    /// <summary>Passes the answer through, except a 404's body, which it holds until it is known whether the case was destroyed.</summary>
    private sealed class HeldNotFound(HttpContext context, Stream inner) : Stream
    {
        private MemoryStream? _held;
        private bool _decided;

        public bool Holding => _held is not null || (!_decided && context.Response.StatusCode == StatusCodes.Status404NotFound);

        private Stream Target()
        {
            if (!_decided)
            {
                _decided = true;
                if (context.Response.StatusCode == StatusCodes.Status404NotFound) _held = new MemoryStream();
            }
            return _held ?? inner;
        }

        public async Task ReleaseAsync()
        {
            if (_held is null) return;
            _held.Position = 0;
            await _held.CopyToAsync(inner);
        }

        public override void Write(byte[] buffer, int offset, int count) => Target().Write(buffer, offset, count);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Target().WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => Target().WriteAsync(buffer, cancellationToken);
        public override void Flush() => Target().Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => Target().FlushAsync(cancellationToken);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
