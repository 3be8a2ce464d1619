using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Participation.Host.Operations;

/// <summary>One line once the Host listens: where, and where Swagger UI is (the address the server really bound, not the one asked for).</summary>
public sealed class ListeningAnnouncement(IServer server, IHostApplicationLifetime lifetime, IHostEnvironment environment, ILogger<ListeningAnnouncement> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } address) return;
            logger.LogInformation("Participation API ({Environment}) listening on {Address}; Swagger UI at {Address}/swagger",
                environment.EnvironmentName, address, address);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
