using System.Diagnostics;

namespace Participation.Host.Tests.Support;

/// <summary>
/// The PostgreSQL the tests run against: ConnectionStrings__Marten if set, else the project's
/// embedded cluster, started by scripts/db.sh as `dotnet test` alone would need it.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<string> Connection = new(Resolve);

    public static string ConnectionString => Connection.Value;

    private static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Marten");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var script = Path.Combine(RepositoryRoot(), "scripts", "db.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/db.sh failed: {error}");
        return output.Split('\n').Last();
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Participation.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Participation.sln not found above the test binaries.");
    }
}
