using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Participation.Host.Http;

namespace Participation.Host.Privacy;

/// <summary>
/// An answer of type <typeparamref name="T"/>, serialized, with the plaintext of its encrypted values
/// ready to be swapped in as it is written; it tells OpenAPI the type it stands for, and that no cache may keep it.
/// </summary>
public sealed class RevealedJson<T>(PooledJson json, IReadOnlyList<PersonalDataRevealer.Opened> opened) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext http)
    {
        using (json)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = json.Bytes.Length + opened.Sum(o => o.Json.Length - (o.End - o.Start));
            await PersonalDataRevealer.WriteAsync(json.Bytes, opened, http.Response.BodyWriter, http.RequestAborted);
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(NoStoreEndpoint.Metadata);
    }
}
