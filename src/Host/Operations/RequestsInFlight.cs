namespace Participation.Host.Operations;

/// <summary>Counts the requests being served, first in the pipeline, so the shutdown can say what it waits for.</summary>
public sealed class RequestsInFlight : IStartupFilter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, rest) =>
        {
            Interlocked.Increment(ref _count);
            try
            {
                await rest(context);
            }
            finally
            {
                Interlocked.Decrement(ref _count);
            }
        });
        next(app);
    };
}
