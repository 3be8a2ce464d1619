using System.Runtime.InteropServices;

namespace Participation.Bench;

/// <summary>The date and machine line of the report.</summary>
public static class Machine
{
    public static async Task<string> Describe(string connectionString)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memKb = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var memory = memKb is null ? "?" : $"{double.Parse(memKb) / 1024 / 1024:N1} GiB";
        var pg = await Tools.Scalar<string>(connectionString, "show server_version");
        var sync = await Tools.Scalar<string>(connectionString, "show synchronous_commit");
        var wrk = (await Tools.Run("wrk", ["--version"])).Out.Split('\n')[0].Trim();
        return $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores ({cpu ?? "?"}) · {memory} RAM · " +
               $"{RuntimeInformation.OSDescription} · .NET {Environment.Version} · PostgreSQL {pg} (loopback, synchronous_commit={sync}) · " +
               $"{wrk.Split(" Copyright")[0]} · pgbench {(await Tools.Run(Load.PgBenchPath(), ["--version"])).Out.Trim().Split(' ').Last()}";
    }
}
