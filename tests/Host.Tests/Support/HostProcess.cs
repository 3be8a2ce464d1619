using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Participation.Host.Tests.Support;

/// <summary>
/// The built Host serving in a process of its own, as a container runs it: on a port of its choosing (read from the line
/// it announces), its output collected, stopped with a signal.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Collect(line.Data);
        _process.ErrorDataReceived += (_, line) => Collect(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; private set; } = null!;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the Host (see <see cref="HostCommandLine.StartInfo"/>) and returns once it listens.</summary>
    public static async Task<HostProcess> StartAsync(string schema, IReadOnlyDictionary<string, string> environment)
    {
        var start = HostCommandLine.StartInfo(schema, environment);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var host = new HostProcess(Process.Start(start)!);
        var announced = await host.WaitForOutputAsync(Listening(), TimeSpan.FromMinutes(1));
        host.Address = new Uri(announced.Groups["address"].Value);
        return host;
    }

    /// <summary>The first match of <paramref name="pattern"/> in the output, once it is written.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        while (pattern.Match(Output) is { Success: false })
        {
            if (_process.HasExited) throw new InvalidOperationException($"The host exited ({_process.ExitCode}) before writing /{pattern}/:\n{Output}");
            if (waiting.IsCancellationRequested) throw new TimeoutException($"The host did not write /{pattern}/ within {timeout}:\n{Output}");
            await Task.Delay(50, CancellationToken.None);
        }
        return pattern.Match(Output);
    }

    /// <summary>What an orchestrator sends to stop a container.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>What a crash or an OOM killer does: SIGKILL, no shutdown, nothing finished.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var waiting = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(waiting.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [GeneratedRegex(@"listening on (?<address>http://[^\s;]+)")]
    private static partial Regex Listening();
}
