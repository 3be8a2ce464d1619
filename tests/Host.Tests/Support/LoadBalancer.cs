using Alba;

namespace Participation.Host.Tests.Support;

/// <summary>
/// A load balancer in front of several nodes of one database, as a rolling upgrade meets one: it probes every node's
/// readiness every 100 ms and sends each request to the next node ready at its last probe; before a node stops it takes it
/// out and lets the requests it sent there finish (as a Kubernetes service does with a terminating pod).
/// </summary>
public sealed class LoadBalancer : IAsyncDisposable
{
    private sealed class Node(IAlbaHost host)
    {
        public IAlbaHost Host => host;
        public volatile bool Ready;
        public volatile bool Leaving;
        public int InFlight;
    }

    private readonly List<Node> _nodes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _probing;
    private int _next;

    public LoadBalancer() => _probing = Task.Run(ProbeAsync);

    public void Add(IAlbaHost host)
    {
        lock (_nodes) _nodes.Add(new Node(host));
    }

    public bool IsReady(IAlbaHost host)
    {
        lock (_nodes) return _nodes.Single(n => n.Host == host).Ready;
    }

    public async Task WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (limit.IsCancellationRequested) throw new TimeoutException($"Not within {timeout}: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Takes the node out, waits for the requests it was sent, and stops it.</summary>
    public async Task RemoveAsync(IAlbaHost host)
    {
        Node node;
        lock (_nodes) node = _nodes.Single(n => n.Host == host);
        node.Leaving = true;
        await WaitUntil(() => Volatile.Read(ref node.InFlight) == 0, TimeSpan.FromSeconds(30), "the node's requests finished");
        lock (_nodes) _nodes.Remove(node);
        await host.DisposeAsync();
    }

    /// <summary>Sends a request to the next node in rotation as <paramref name="caller"/> would (its tenant, name and token).</summary>
    public async Task<Response> SendAsync(Caller caller, Func<Caller, Task<Response>> request)
    {
        Node node;
        while (true)
        {
            lock (_nodes)
            {
                var ready = _nodes.Where(n => n.Ready && !n.Leaving).ToList();
                if (ready.Count > 0)
                {
                    node = ready[_next++ % ready.Count];
                    Interlocked.Increment(ref node.InFlight);
                    break;
                }
            }
            await Task.Delay(20);
        }
        try
        {
            return await request(new Caller(node.Host, caller.Tenant, caller.Name, caller.Token));
        }
        finally
        {
            Interlocked.Decrement(ref node.InFlight);
        }
    }

    private async Task ProbeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Node[] nodes;
            lock (_nodes) nodes = _nodes.Where(n => !n.Leaving).ToArray();
            foreach (var node in nodes)
            {
                try
                {
                    using var client = node.Host.Server.CreateClient();
                    node.Ready = (await client.GetAsync("/health/ready", _stop.Token)).IsSuccessStatusCode;
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    node.Ready = false;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _probing;
        Node[] nodes;
        lock (_nodes) nodes = [.. _nodes];
        foreach (var node in nodes) await node.Host.DisposeAsync();
        _stop.Dispose();
    }
}
