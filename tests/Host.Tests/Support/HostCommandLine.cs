using System.Diagnostics;

namespace Participation.Host.Tests.Support;

/// <summary>Runs the Host's JasperFx command line (`dotnet Participation.Host.dll …`) as an operator would, on a test schema.</summary>
public static class HostCommandLine
{
    public static Task<(int ExitCode, string Output)> Run(string schema, params string[] args) => Run(schema, new Dictionary<string, string>(), args);

    /// <summary>With <paramref name="environment"/> added to (or replacing) the variables it sets, e.g. another <c>ASPNETCORE_ENVIRONMENT</c>.</summary>
    public static async Task<(int ExitCode, string Output)> Run(string schema, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(schema, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The built Host in Development on <paramref name="schema"/> of the test database, its output redirected.</summary>
    public static ProcessStartInfo StartInfo(string schema, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Marten"] = TestDatabase.ConnectionString,
                ["Marten__Schema"] = schema,
            },
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Participation.Host.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }
}
