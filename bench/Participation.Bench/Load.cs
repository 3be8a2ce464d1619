using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Participation.Bench;

/// <summary>
/// One load run: what a load tool measured at the client (latencies in ms, each request as timed); for wrk also the
/// p99 of its own histogram, which adds coordinated-omission samples (shown beside, never compared with pgbench's).
/// </summary>
public sealed record LoadResult(
    string Tool, int Clients, long Requests, double Seconds, long Ok, long Conflicts, long ClientErrors, long ServerErrors,
    long SocketErrors, double P50, double P95, double P99, double WrkCorrectedP99 = double.NaN)
{
    public double OkPerSecond => Ok / Seconds;
    public long Errors => ClientErrors + ServerErrors + SocketErrors;
}

/// <summary>wrk (HTTP) and pgbench (raw SQL): the two load tools, run as processes of their own.</summary>
public static partial class Load
{
    /// <summary>
    /// One wrk thread per connection, so that <c>bench/load/tally.lua</c> times each request itself: wrk's own percentiles
    /// correct for coordinated omission and pgbench's do not (<c>docs/benchmarks/notes.md</c>). The threads cost wrk about
    /// 0.04 ms more CPU per request than one thread did (16 clients, measured with <c>time</c>).
    /// </summary>
    public static async Task<LoadResult> Wrk(string url, string script, int clients, int seconds, params string[] scriptArgs)
    {
        var args = new List<string> { $"-t{clients}", $"-c{clients}", $"-d{seconds}s", "--timeout", "10s", "-s", script, url, "--" };
        args.AddRange(scriptArgs);
        var (code, output, error) = await Tools.Run("wrk", args, timeout: TimeSpan.FromSeconds(seconds + 60));
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRKJSON ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk exited with {code} without a result:\n{output}\n{error}");
        var j = JsonDocument.Parse(line["WRKJSON ".Length..]).RootElement;
        long L(string name) => j.GetProperty(name).GetInt64();
        double Ms(string name) => j.GetProperty(name).GetDouble() / 1000;
        return new LoadResult("wrk", clients, L("requests"), j.GetProperty("seconds").GetDouble(), L("ok"), L("conflicts"),
            L("client_errors"), L("server_errors"), L("socket_errors"), Ms("p50"), Ms("p95"), Ms("p99"), Ms("wrk_corrected_p99"));
    }

    /// <summary>
    /// pgbench with prepared statements, one thread, <paramref name="clients"/> connections; latencies come from its
    /// per-transaction log. A failed transaction (pgbench 15 aborts the client on an SQL error) counts as a server error.
    /// </summary>
    public static async Task<LoadResult> PgBench(string connectionString, string script, int clients, int seconds, params (string Name, string Value)[] variables)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var logDir = Directory.CreateDirectory(Path.Combine(Tools.Work, "pgbench-log-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var args = new List<string>
        {
            "-h", c.Host ?? "127.0.0.1", "-p", c.Port.ToString(CultureInfo.InvariantCulture), "-U", c.Username ?? "postgres",
            "-n", "-M", "prepared", "-j", "1", "-c", clients.ToString(CultureInfo.InvariantCulture), "-T", seconds.ToString(CultureInfo.InvariantCulture),
            "-f", script, "-l", "--log-prefix", Path.Combine(logDir, "tx"),
        };
        foreach (var (name, value) in variables) { args.Add("-D"); args.Add($"{name}={value}"); }
        args.Add(c.Database ?? "postgres");
        var env = new Dictionary<string, string> { ["PGPASSWORD"] = c.Password ?? "" };
        var (code, output, error) = await Tools.Run(PgBenchPath(), args, env, timeout: TimeSpan.FromSeconds(seconds + 60));
        if (code != 0 && !output.Contains("number of transactions actually processed"))
            throw new InvalidOperationException($"pgbench exited with {code}:\n{output}\n{error}");

        var latencies = new List<double>();
        foreach (var file in Directory.GetFiles(logDir))
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split(' ');
                if (parts.Length > 2 && double.TryParse(parts[2], CultureInfo.InvariantCulture, out var us)) latencies.Add(us / 1000);
            }
        Directory.Delete(logDir, recursive: true);
        latencies.Sort();
        var processed = long.Parse(Processed().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var failedMatch = Failed().Match(output);
        var failed = failedMatch.Success ? long.Parse(failedMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var aborted = AbortedClient().Matches(error).Count;
        var tpsMatch = Tps().Match(output);
        var duration = tpsMatch.Success ? processed / double.Parse(tpsMatch.Groups[1].Value, CultureInfo.InvariantCulture) : seconds;
        return new LoadResult("pgbench", clients, processed + failed, duration, processed, 0, 0, failed + aborted, 0,
            Tools.Percentile(latencies, 50), Tools.Percentile(latencies, 95), Tools.Percentile(latencies, 99));
    }

    public static string PgBenchPath()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", "pgbench")).LastOrDefault(File.Exists)
            : null;
        return bin ?? "pgbench";
    }

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex Processed();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex Failed();

    [GeneratedRegex(@"client \d+ aborted")]
    private static partial Regex AbortedClient();

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
