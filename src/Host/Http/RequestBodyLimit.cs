using Microsoft.AspNetCore.Http.Features;

namespace Participation.Host.Http;

/// <summary>Refuses bodies over 1 MB with a 413 problem before anything reads them.</summary>
public static class RequestBodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = MaxBytes;
        if (context.Request.ContentLength > MaxBytes)
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        await next(context);
    });
}
