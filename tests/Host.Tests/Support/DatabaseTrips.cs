using System.Collections.Concurrent;
using System.Diagnostics;
using Participation.Host.Operations;

namespace Participation.Host.Tests.Support;

/// <summary>
/// The database round trips of one tenant's requests while it listens: every Npgsql command or batch execution is one
/// <c>Npgsql</c> activity, tied to its request by the request's span and to the tenant by the tag the Host sets on it.
/// </summary>
public sealed class DatabaseTrips : IDisposable
{
    private readonly ConcurrentQueue<(DateTime Started, ActivityTraceId Request)> trips = new();
    private readonly ActivityListener listener;

    public DatabaseTrips(string tenant)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != "Npgsql") return;
                var request = activity;
                while (request.Parent is not null) request = request.Parent;
                if (request.GetTagItem(Telemetry.TenantAttribute) as string == tenant) trips.Enqueue((request.StartTimeUtc, request.TraceId));
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>The round trips of each request, in the order the requests came.</summary>
    public int[] PerRequest() => trips.GroupBy(t => t.Request).OrderBy(g => g.Min(t => t.Started)).Select(g => g.Count()).ToArray();

    public void Dispose() => listener.Dispose();
}
