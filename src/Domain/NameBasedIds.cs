using System.Security.Cryptography;
using System.Text;

namespace Participation.Domain;

/// <summary>Name-based UUIDs (RFC 9562 version 5, SHA-1): the same namespace and name always give the same id.</summary>
public static class NameBasedIds
{
    public static Guid Of(Guid @namespace, string name)
    {
        var input = Encoding.UTF8.GetBytes(name);
        Span<byte> bytes = stackalloc byte[16 + input.Length];
        @namespace.TryWriteBytes(bytes, bigEndian: true, out _);
        input.CopyTo(bytes[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(bytes, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
