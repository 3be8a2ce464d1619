using JasperFx.CodeGeneration;

namespace Participation.Host.Infrastructure;

/// <summary>
/// How Wolverine gets its handler code: <c>Static</c> loads the code committed under
/// <c>Internal/Generated</c>, <c>Dynamic</c> generates and compiles it at start. Production defaults to
/// static and Development to dynamic; <c>Wolverine:CodeGeneration</c> overrides either, so the two can
/// be compared with everything else equal.
/// </summary>
public static class CodeGenerationMode
{
    public static TypeLoadMode From(IConfiguration configuration, bool production) =>
        configuration["Wolverine:CodeGeneration"] switch
        {
            null or "" => production ? TypeLoadMode.Static : TypeLoadMode.Dynamic,
            var mode when Enum.TryParse<TypeLoadMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) => parsed,
            var mode => throw new InvalidOperationException(
                $"Wolverine:CodeGeneration is '{mode}'; use one of {string.Join(", ", Enum.GetNames<TypeLoadMode>())}."),
        };
}
