using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using Participation.Host.Security;

namespace Participation.Bench;

/// <summary>Paths, keys and the small process helpers every external-process scenario uses.</summary>
public static class Tools
{
    public const string SigningKey = "benchmark-signing-key-0123456789-abcdefghijklmnop";
    public const string SealKey = "benchmark-seal-key-0123456789-abcdefghijklmnopqrs";
    public const string MasterKey = "YmVuY2htYXJrLW1hc3Rlci1rZXktMDEyMzQ1Njc4OWE=";

    public static string RepoRoot { get; } = FindRoot();
    public static string Work { get; } = Directory.CreateDirectory(Path.Combine(RepoRoot, "bench", "results")).FullName;

    public static string HostDll => Published("Host", "Participation.Host.dll");
    public static string MinimalApiDll => Published("MinimalApi", "Participation.Bench.MinimalApi.dll");
    public static string NpgsqlAppDll => Published("NpgsqlApp", "Participation.Bench.NpgsqlApp.dll");

    public static string Token(string tenant, params string[] roles) =>
        new TokenIssuer(new JwtSettings { SigningKey = SigningKey }, TimeProvider.System).Issue("bench", tenant, roles, TimeSpan.FromHours(2));

    public static string TokenFile(string tenant, params string[] roles)
    {
        var path = Path.Combine(Work, $"token-{tenant}-{string.Join('-', roles)}.txt");
        File.WriteAllText(path, Token(tenant, roles) + "\n");
        return path;
    }

    public static HttpClient Client(int port, string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs a tool to completion and returns its exit code and output.</summary>
    public static async Task<(int Code, string Out, string Err)> Run(string file, IEnumerable<string> args,
        IDictionary<string, string>? env = null, string? cwd = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd ?? Work };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"{file} {string.Join(' ', args)} timed out"); }
        return (process.ExitCode, await stdout, await stderr);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Runs a statement to its end, however long (set-up statements over millions of rows take minutes).</summary>
    public static async Task Sql(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query and reads every row it answers (a raw-SQL baseline of a read).</summary>
    public static async Task Read(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }

    /// <summary>The plan PostgreSQL ran <paramref name="sql"/> with (EXPLAIN ANALYZE, BUFFERS), one line per row.</summary>
    public static async Task<IReadOnlyList<string>> Explain(string connectionString, string sql, IEnumerable<NpgsqlParameter>? parameters = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("explain (analyze, buffers) " + sql, connection);
        foreach (var parameter in parameters ?? []) command.Parameters.Add(parameter.Clone());
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }

    public static async Task<T> Scalar<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Starts <paramref name="total"/> requests at <paramref name="rate"/> a second, at most 32 in flight, and waits for them:
    /// request <c>n</c> at <c>n / rate</c> s (later only while 32 are running). <paramref name="send"/> is called in turn with
    /// the number and the time since the first; what it does before its first <c>await</c> runs before the next one starts.
    /// Returns the time they took.
    /// </summary>
    public static async Task<TimeSpan> Paced(int rate, int total, Func<int, TimeSpan, Task> send)
    {
        using var inFlight = new SemaphoreSlim(32);
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < total; n++)
        {
            var due = TimeSpan.FromSeconds((double)n / rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            await inFlight.WaitAsync();
            tasks.Add(Released(send(n, clock.Elapsed), inFlight));
        }
        await Task.WhenAll(tasks);
        return clock.Elapsed;
    }

    private static async Task Released(Task request, SemaphoreSlim inFlight)
    {
        try
        {
            await request;
        }
        finally
        {
            inFlight.Release();
        }
    }

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>The servers run as deployed: published ReadyToRun (bench/run.sh publishes them with scripts/publish.sh).</summary>
    private static string Published(string name, string dll)
    {
        var path = Path.Combine(Work, "publish", name, dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: `bash bench/run.sh all` publishes it.");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Participation.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Participation.sln not found above the benchmark binaries.");
    }
}

/// <summary>An API process of its own (Release build, chosen environment), stopped on dispose.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Task<string> stdout, stderr;

    private ServerProcess(Process process, int port, Stopwatch sinceStart)
    {
        this.process = process;
        Port = port;
        SinceStart = sinceStart;
        stdout = Collect(process.StandardOutput);
        stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>What the server has written to its standard output so far (its log lines).</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    private async Task<string> Collect(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (output) output.AppendLine(line);
        return Output;
    }

    public int Port { get; }
    public Stopwatch SinceStart { get; }
    public int Pid => process.Id;

    /// <summary>Starts <paramref name="dll"/> with <c>dotnet</c>; returns at once (see <see cref="WaitUntilListening"/>).</summary>
    public static ServerProcess Start(string dll, int port, IDictionary<string, string> env)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (k, v) in env) info.Environment[k] = v;
        var watch = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        return new ServerProcess(process, port, watch);
    }

    /// <summary>
    /// The Host as deployed: Production, its schema applied beforehand (by the benchmark's in-process Host, as
    /// `resources setup` would at deploy time), so it does not check it as it starts.
    /// </summary>
    public static Dictionary<string, string> HostEnv(string connectionString, string schema, string codeGeneration = "Static", bool applySchema = false) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Wolverine__CodeGeneration"] = codeGeneration,
        ["Database__ApplySchemaOnStartup"] = applySchema ? "true" : "false",
        ["ConnectionStrings__Marten"] = connectionString,
        ["Marten__Schema"] = schema,
        ["Auth__SigningKey"] = Tools.SigningKey,
        ["Audit__SealKey"] = Tools.SealKey,
        ["Privacy__MasterKey"] = Tools.MasterKey,
    };

    /// <summary>Polls <c>GET /health/live</c> every 10 ms; returns the time since start when it first answers 200.</summary>
    public async Task<TimeSpan> WaitUntilListening(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = (timeout ?? TimeSpan.FromSeconds(90)) + SinceStart.Elapsed;
        while (SinceStart.Elapsed < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"server exited with {process.ExitCode}: {await stdout}\n{await stderr}");
            try
            {
                using var response = await client.GetAsync("/health/live");
                if (response.IsSuccessStatusCode) return SinceStart.Elapsed;
            }
            catch (HttpRequestException) { }
            await Task.Delay(10);
        }
        throw new TimeoutException($"server on port {Port} did not answer /health/live");
    }

    /// <summary>Peak resident set size so far (VmHWM), in MB.</summary>
    public double PeakMemoryMb()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        return double.NaN;
    }

    /// <summary>SIGKILL: the process ends at once, as when its machine or container dies; nothing of it shuts down.</summary>
    public void Kill() => process.Kill();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM first so the Host shuts down as in production (Wolverine releases its node); then kill.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()])) await term.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await process.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
        }
        process.Dispose();
    }
}
