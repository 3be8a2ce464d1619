using System.Diagnostics;

namespace Participation.Bench;

public sealed record Timing(string Name, double MedianMs, double MinMs, double MaxMs);

/// <summary>Runs scenarios interleaved (A, B, A, B, …) so machine noise hits both alike; reports medians.</summary>
public static class Measure
{
    /// <summary>
    /// Two reads interleaved (A, B, A, B, …) after one warm-up each, every run timed by itself: the sorted times of each,
    /// for percentiles of the one against the other.
    /// </summary>
    public static async Task<(List<double> A, List<double> B)> Paired(int runs, Func<Task> a, Func<Task> b)
    {
        await a();
        await b();
        var (ta, tb) = (new List<double>(), new List<double>());
        for (var i = 0; i < runs; i++)
        {
            ta.Add(await Time(a));
            tb.Add(await Time(b));
        }
        ta.Sort();
        tb.Sort();
        return (ta, tb);
    }

    /// <summary>How long <paramref name="run"/> took, in ms.</summary>
    public static async Task<double> Time(Func<Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalMilliseconds;
    }

    public static Task<IReadOnlyList<Timing>> Interleaved(int runs, params (string Name, Func<Task> Run)[] scenarios) =>
        Interleaved(runs, warmUp: true, scenarios);

    public static async Task<IReadOnlyList<Timing>> Interleaved(int runs, bool warmUp, params (string Name, Func<Task> Run)[] scenarios)
    {
        if (warmUp) foreach (var (_, run) in scenarios) await run(); // warm-up: JIT, connection pool, plans
        var samples = scenarios.ToDictionary(s => s.Name, _ => new List<double>());
        for (var i = 0; i < runs; i++)
        {
            foreach (var (name, run) in scenarios)
            {
                var watch = Stopwatch.StartNew();
                await run();
                samples[name].Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        return scenarios.Select(s =>
        {
            var sorted = samples[s.Name].Order().ToList();
            return new Timing(s.Name, Tools.Median(sorted), sorted[0], sorted[^1]);
        }).ToList();
    }
}
