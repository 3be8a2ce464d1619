using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Participation.Host.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of one test's own, made by scripts/db.sh in a temporary folder, so the test can restart it
/// under a running host without disturbing the shared test database.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "participation-pg-" + Guid.NewGuid().ToString("N")[..8]);

    private PrivateCluster()
    {
    }

    public string ConnectionString { get; private set; } = "";

    public static async Task<PrivateCluster> StartAsync()
    {
        var cluster = new PrivateCluster();
        var script = Path.Combine(TestDatabase.RepositoryRoot(), "scripts", "db.sh");
        var output = await Run("bash", [script], ("PARTICIPATION_PG_DIR", cluster._folder), ("PARTICIPATION_PG_PORT", FreePort().ToString()));
        cluster.ConnectionString = output.Trim().Split('\n').Last();
        return cluster;
    }

    /// <summary>Restarts the server the way an operator's <c>systemctl restart</c> does: open connections are terminated.</summary>
    public Task RestartAsync() => PgCtl("restart", "-m", "fast", "-w", "-l", Path.Combine(_folder, "server.log"));

    /// <summary>Stops the server as a crash or an operator would; <see cref="StartAgainAsync"/> brings it back.</summary>
    public Task StopAsync() => PgCtl("stop", "-m", "immediate");

    public Task StartAgainAsync() => PgCtl("start", "-w", "-l", Path.Combine(_folder, "server.log"));

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_folder, "data", "postmaster.pid"))) await PgCtl("stop", "-m", "immediate");
        Directory.Delete(_folder, recursive: true);
    }

    private Task PgCtl(params string[] arguments)
    {
        var pgCtl = Path.Combine(Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.Parse(Path.GetFileName(d))).Last(), "bin", "pg_ctl");
        string[] command = [pgCtl, "-D", Path.Combine(_folder, "data"), .. arguments];
        return Environment.UserName == "root" ? Run("runuser", ["-u", "postgres", "--", .. command]) : Run(command[0], command[1..]);
    }

    private static async Task<string> Run(string file, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await error}");
        return await output;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
