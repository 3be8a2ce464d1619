using System.Text.Json;

namespace Participation.Host.Privacy;

/// <summary>
/// A kind of secret stored wrapped under the master keys in a Marten document, registered by the capability that stores
/// it, so that <c>privacy</c> counts it and <c>privacy rewrap</c> rewraps it: the document type, the purpose it is wrapped
/// for (associated data, with the tenant and the document id), the property holding the <see cref="WrappedSecret"/>, and
/// the property that held the secret itself before secrets were wrapped, with how its stored value reads as bytes.
/// </summary>
public sealed record WrappedSecretKind(Type DocumentType, string Purpose, string Property, string UnwrappedProperty, Func<string, byte[]> UnwrappedBytes)
{
    /// <summary>Property names as the store writes them (camelCase).</summary>
    public static string Stored(string propertyName) => JsonNamingPolicy.CamelCase.ConvertName(propertyName);
}
