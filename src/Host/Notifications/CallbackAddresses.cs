using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Participation.Host.Notifications;

/// <summary>
/// Where webhooks may go: an absolute <c>https</c> URL whose host is, and resolves to, only public addresses
/// (never loopback, link-local, private, shared or multicast), unless <see cref="NotificationOptions.AllowInsecureCallbacks"/>.
/// Checked when a subscription is made and again at every connection, since a name may resolve differently later.
/// </summary>
public sealed class CallbackAddresses(IOptions<NotificationOptions> options)
{
    private bool Insecure => options.Value.AllowInsecureCallbacks;

    /// <summary>What is wrong with <paramref name="callbackUrl"/>, or null when webhooks may be sent to it.</summary>
    public async Task<string?> ProblemAsync(string? callbackUrl, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(callbackUrl)) return "is required";
        if (callbackUrl.Length > 2000) return "may be at most 2000 characters";
        if (!Uri.TryCreate(callbackUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return "must be an absolute https URL";
        if (!string.IsNullOrEmpty(url.UserInfo)) return "may not carry a user name or password";
        if (!string.IsNullOrEmpty(url.Fragment)) return "may not have a fragment";
        if (Insecure) return null;
        if (url.Scheme != "https") return "must use https";
        try
        {
            var addresses = await Resolve(url.IdnHost, cancellation);
            return addresses.Length == 0 ? "has a host that does not resolve"
                : addresses.All(IsPublic) ? null
                : "resolves to a loopback, link-local, private or otherwise non-public address";
        }
        catch (SocketException)
        {
            return "has a host that does not resolve";
        }
    }

    /// <summary>The connection a webhook goes over: only to a public address the host resolves to now.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await Resolve(host, cancellation);
        var allowed = Insecure ? addresses : addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0 || allowed.Length != addresses.Length)
            throw new HttpRequestException($"The callback host {host} resolves to an address webhooks may not be sent to.");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> Resolve(string host, CancellationToken cancellation) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellation);

    /// <summary>Whether an address is on the public internet: not loopback, link-local, private, shared (CGNAT), unspecified, multicast or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
            return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal || address.IsIPv6Teredo);
        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 when b[1] is >= 64 and <= 127 => false,   // shared address space (CGNAT)
            169 when b[1] == 254 => false,                // link-local
            172 when b[1] is >= 16 and <= 31 => false,
            192 when b[1] == 168 => false,
            192 when b[1] == 0 && b[2] is 0 or 2 => false, // IETF protocol assignments, documentation
            198 when b[1] is 18 or 19 => false,           // benchmarking
            >= 224 => false,                              // multicast and reserved
            _ => true,
        };
    }
}
