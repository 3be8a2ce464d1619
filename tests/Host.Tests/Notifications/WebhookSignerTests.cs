using Microsoft.AspNetCore.Http;
using System.Text;
using Participation.Host.Notifications;
using StandardWebhooks;

namespace Participation.Host.Tests.Notifications;

/// <summary>The signer reuses its keyed HMACs across concurrent posts; every signature must still be that request's own.</summary>
public sealed class WebhookSignerTests
{
    [Fact]
    public async Task Signatures_made_side_by_side_with_reused_hmacs_each_verify_for_their_own_request_only()
    {
        var secret = WebhookSignature.NewSecret();
        using var signer = new WebhookSigner(WebhookSignature.Key(secret));
        var requests = Enumerable.Range(0, 2_000).Select(i => (Id: Guid.NewGuid().ToString(), Timestamp: DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Body: $"{{\"specversion\":\"1.0\",\"n\":{i},\"pad\":\"{new string('x', i % 300)}\"}}")).ToArray();

        var signatures = new string[requests.Length];
        await Parallel.ForAsync(0, requests.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, (i, _) =>
        {
            signatures[i] = signer.Sign(requests[i].Id, requests[i].Timestamp, Encoding.UTF8.GetBytes(requests[i].Body));
            return ValueTask.CompletedTask;
        });

        var verifier = new StandardWebhook(secret);
        for (var i = 0; i < requests.Length; i++)
        {
            verifier.Verify(requests[i].Body, Headers(requests[i].Id, requests[i].Timestamp, signatures[i]));
            var other = requests[(i + 1) % requests.Length];
            Assert.ThrowsAny<Exception>(() => verifier.Verify(other.Body, Headers(other.Id, other.Timestamp, signatures[i])));
        }
    }

    private static HeaderDictionary Headers(string id, long timestamp, string signature) => new()
    {
        ["webhook-id"] = id, ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), ["webhook-signature"] = signature,
    };
}
