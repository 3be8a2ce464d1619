using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Participation.Host.Operations;

/// <summary>
/// The first step of stopping (<c>SIGTERM</c>, ADR 16): readiness turns 503 at once and the Host keeps serving for
/// <see cref="ShutdownOptions.DrainDelay"/>, so the load balancer takes it out of rotation before anything is refused.
/// Then the host stops its services, the web server first: it stops listening and waits for the requests in flight
/// until <c>HostOptions.ShutdownTimeout</c> (the drain delay plus <see cref="ShutdownOptions.Timeout"/>) passes; after it
/// Wolverine releases this node's agents and durable messages to the other nodes. One line when it begins, one when all stopped.
/// </summary>
public sealed class GracefulShutdown(RequestsInFlight requests, IOptions<ShutdownOptions> options, ILogger<GracefulShutdown> logger)
    : IHostedLifecycleService
{
    private long _began;
    private int _abortedRequests;
    private CancellationTokenRegistration _onTimeout;

    public bool HasBegun => Volatile.Read(ref _began) != 0;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _began, Stopwatch.GetTimestamp());
        var (drainDelay, timeout) = (options.Value.DrainDelay, options.Value.Timeout);
        logger.LogInformation(
            "Shutting down: readiness answers 503; {Requests} request(s) in flight; serving for {DrainDelay} more, then refusing new connections and giving the requests still running up to {Timeout}",
            requests.Count, drainDelay, timeout);
        // The host cancels this token when its shutdown timeout passes, and the web server then aborts what still runs.
        _onTimeout = cancellationToken.Register(() => _abortedRequests = requests.Count);
        // A caller that cancels the stop itself (a second, impatient stop) ends the drain early, without failing the stop.
        await Task.Delay(drainDelay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await _onTimeout.DisposeAsync();
        var seconds = Stopwatch.GetElapsedTime(_began).TotalSeconds;
        if (_abortedRequests == 0)
            logger.LogInformation("Shut down in {Seconds:0.0} s: every request finished and the agents were released", seconds);
        else
            logger.LogWarning("Shut down in {Seconds:0.0} s: {Aborted} request(s) still running after Shutdown:Timeout ({Timeout}) were aborted",
                seconds, _abortedRequests, options.Value.Timeout);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
