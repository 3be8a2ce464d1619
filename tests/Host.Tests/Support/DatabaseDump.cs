using System.Diagnostics;
using Npgsql;

namespace Participation.Host.Tests.Support;

/// <summary>
/// The whole test database as pg_dump writes it: every schema, table and row, but the benchmarks' (<c>bench_*</c>), which a
/// developer's database may hold with millions of rows and which are no test's.
/// </summary>
public static class DatabaseDump
{
    public static async Task<string> AllAsync()
    {
        var connection = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString);
        var pgDump = Directory.GetDirectories("/usr/lib/postgresql").Order().Select(dir => Path.Combine(dir, "bin", "pg_dump")).LastOrDefault(File.Exists)
            ?? "pg_dump";
        var start = new ProcessStartInfo(pgDump, ["-h", connection.Host!, "-p", connection.Port.ToString(), "-U", connection.Username!, "-d", connection.Database!, "--no-owner",
            "--exclude-schema=bench_*"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = connection.Password ?? "";
        using var process = Process.Start(start)!;
        var dump = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pg_dump failed: {await error}");
        return await dump;
    }
}
