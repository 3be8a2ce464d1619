using Alba;
using JasperFx.CodeGeneration;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Participation.Host.Tests.Support;
using Wolverine;

namespace Participation.Host.Tests.Operations;

/// <summary>
/// Production loads the committed, pre-generated handler code (static mode). If an endpoint or a
/// policy changed without `bash scripts/codegen.sh`, Production would run stale code:
/// this test regenerates everything and compares.
/// </summary>
[Collection(GeneratedCodeCollection.Name)]
public sealed class GeneratedCodeTests
{
    [Fact]
    public async Task The_committed_generated_code_is_what_the_endpoints_generate_today()
    {
        var output = Path.Combine(Path.GetTempPath(), "participation-codegen-" + Guid.NewGuid().ToString("N"));
        JasperFxEnvironment.AutoStartHost = true;
        await using var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment(Environments.Development);
            builder.UseSetting("ConnectionStrings:Marten", TestDatabase.ConnectionString);
            builder.UseSetting("Marten:Schema", "codegen_tests");
            builder.ConfigureServices(services => services.ConfigureWolverine(o => o.CodeGeneration.GeneratedCodeOutputPath = output));
        });
        try
        {
            // As the `codegen write` command does it.
            new DynamicCodeBuilder(host.Services, host.Services.GetServices<ICodeFileCollection>().ToArray())
            {
                ServiceVariableSource = host.Services.GetService<JasperFx.CodeGeneration.Model.IServiceVariableSource>(),
            }.WriteGeneratedCode(_ => { });

            var committed = Path.Combine(TestDatabase.RepositoryRoot(), "src", "Host", "Internal", "Generated");
            var expected = Files(output);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Keys.Order(), Files(committed).Keys.Order());
            foreach (var (name, code) in expected)
                Assert.True(code == Files(committed)[name], $"{name} is stale: run `bash scripts/codegen.sh` and commit src/Host/Internal/Generated.");
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(root, file), file => File.ReadAllText(file).ReplaceLineEndings());
}

/// <summary>
/// Writing the code sets JasperFx's process-wide <see cref="DynamicCodeBuilder.WithinCodegenCommand"/> while it
/// runs, as `codegen write` does. Every Wolverine host that starts in that window (in this test process: any other
/// fixture) takes itself for a codegen run and starts without message storage or node agents (MediatorOnly), and
/// one that stops in it skips its shutdown. So this test runs alone, after the parallel collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GeneratedCodeCollection
{
    public const string Name = "generated-code";
}
