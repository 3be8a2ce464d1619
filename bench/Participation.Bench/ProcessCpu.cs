namespace Participation.Bench;

/// <summary>
/// CPU time (user + system, seconds) from Linux's <c>/proc</c>: of one process, and of a whole PostgreSQL cluster
/// (its postmaster and every live child, plus what children that have exited used, which the kernel adds to the
/// postmaster's <c>cutime</c>/<c>cstime</c> as it reaps them, so the total only grows).
/// </summary>
public static class ProcessCpu
{
    // USER_HZ: /proc reports clock ticks of 1/100 s on Linux.
    private const double TicksPerSecond = 100;

    public static double Of(int pid) => Stat(pid) is { } s ? (s.UTime + s.STime) / TicksPerSecond : 0;

    public static double OfCluster(int postmaster)
    {
        var ticks = 0L;
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Stat(pid) is not { } s) continue;
            if (pid == postmaster) ticks += s.UTime + s.STime + s.CUTime + s.CSTime;
            else if (s.ParentPid == postmaster) ticks += s.UTime + s.STime;
        }
        return ticks / TicksPerSecond;
    }

    /// <summary>The postmaster of the cluster <paramref name="connectionString"/> reaches: the parent of a backend.</summary>
    public static async Task<int> Postmaster(string connectionString)
    {
        var backend = await Tools.Scalar<int>(connectionString, "select pg_backend_pid()");
        return Stat(backend)?.ParentPid ?? throw new InvalidOperationException("PostgreSQL does not run on this machine: its CPU cannot be read.");
    }

    private sealed record ProcStat(int ParentPid, long UTime, long STime, long CUTime, long CSTime);

    private static ProcStat? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after "(comm)": state is field 3, so field n is at index n - 3.
            var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return new ProcStat(int.Parse(f[1]), long.Parse(f[11]), long.Parse(f[12]), long.Parse(f[13]), long.Parse(f[14]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
