using Npgsql;

namespace Participation.Bench.NpgsqlApp;

/// <summary>
/// The cold-start baseline: ASP.NET Core minimal API plus Npgsql, nothing else. <c>POST /insert</c> inserts one row;
/// the table is created by the benchmark beforehand, so start-up does no schema work.
/// Env: <c>ConnectionStrings__Marten</c>, <c>Bench__Table</c> (schema-qualified).
/// </summary>
public static class NpgsqlProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var connectionString = builder.Configuration.GetConnectionString("Marten") ?? throw new InvalidOperationException("ConnectionStrings:Marten");
        var table = builder.Configuration["Bench:Table"] ?? "bench_raw.cold_start";
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));

        var app = builder.Build();
        app.MapGet("/health/live", () => Results.Ok());
        app.MapPost("/insert", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            var id = Guid.CreateVersion7();
            await using var command = db.CreateCommand($"insert into {table} (id, data) values ($1, $2::jsonb)");
            command.Parameters.Add(new() { Value = id });
            command.Parameters.Add(new() { Value = "{\"kind\":\"cold-start\"}" });
            await command.ExecuteNonQueryAsync(ct);
            return Results.Created($"/insert/{id}", new { id });
        });
        await app.RunAsync();
    }
}
