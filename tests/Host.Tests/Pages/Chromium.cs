using System.Diagnostics;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Pages;

/// <summary>
/// Debian's Chromium, which the browser tests drive (Playwright's own browser download cannot reach its host here):
/// scripts/browser.sh prints its path, installing it first when missing. When it cannot, every browser test fails with
/// the script's reason; none is skipped.
/// </summary>
public static class Chromium
{
    private static readonly Lazy<string> Installed = new(Install);

    public static string ExecutablePath => Installed.Value;

    /// <summary>
    /// Headless with nothing of its own on the network (this machine refuses those connections, many at a time), and a
    /// fresh profile: Playwright gives each launch a new, empty user data directory.
    /// </summary>
    public static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static string Install()
    {
        var script = Path.Combine(TestDatabase.RepositoryRoot(), "scripts", "browser.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(output))
            throw new InvalidOperationException($"The browser tests need Chromium, and scripts/browser.sh could not provide it (exit {process.ExitCode}):\n{error.Result}");
        return output;
    }
}
