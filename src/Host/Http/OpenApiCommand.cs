using JasperFx.CommandLine;
using Swashbuckle.AspNetCore.Swagger;

namespace Participation.Host.Http;

public sealed class OpenApiInput : NetCoreInput
{
    [Description("Where to write the OpenAPI document, e.g. docs/openapi.json")]
    public string Path { get; set; } = "docs/openapi.json";
}

/// <summary>Writes the OpenAPI document as <c>/api/openapi.json</c> serves it; <c>docs/openapi.json</c> is checked in, and a test fails when it drifts.</summary>
// Not Wolverine's own `openapi` command: that one reads Microsoft.AspNetCore.OpenApi's documents, this API's come from Swashbuckle.
[Description("Writes the OpenAPI document to a file", Name = "openapi-document")]
public sealed class OpenApiCommand : JasperFxAsyncCommand<OpenApiInput>
{
    public OpenApiCommand()
    {
        Usage("Write docs/openapi.json");
        Usage("Write to a path").Arguments(x => x.Path);
    }

    public override async Task<bool> Execute(OpenApiInput input)
    {
        using var host = input.BuildHost();
        // The endpoints are mapped as the host starts; the document describes what it then serves.
        await host.StartAsync();
        var document = await OpenApiSetup.Document(host.Services.GetRequiredService<ISwaggerProvider>());
        await host.StopAsync();
        await File.WriteAllTextAsync(input.Path, document + "\n");
        Console.WriteLine($"Wrote {input.Path}");
        return true;
    }
}
