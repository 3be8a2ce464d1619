using JasperFx.CodeGeneration;

namespace Participation.Host.Operations;

/// <summary>
/// How Wolverine gets its handler code: <c>Static</c> loads the code committed under
/// <c>Internal/Generated</c>, <c>Dynamic</c> generates and compiles it at start. Production defaults to
/// static and Development to dynamic; <c>Wolverine:CodeGeneration</c> overrides either, so the two can
/// be compared with everything else equal.
/// </summary>
public static class CodeGenerationMode
{
    public static TypeLoadMode From(IConfiguration configuration, bool production) =>
        Configured(configuration) ?? (production ? TypeLoadMode.Static : TypeLoadMode.Dynamic);

    /// <summary>The mode <c>Wolverine:CodeGeneration</c> names, if it names one.</summary>
    public static TypeLoadMode? Configured(IConfiguration configuration) =>
        configuration["Wolverine:CodeGeneration"] switch
        {
            null or "" => null,
            var mode when Enum.TryParse<TypeLoadMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) => parsed,
            var mode => throw new InvalidOperationException(
                $"Wolverine:CodeGeneration is '{mode}'; use one of {string.Join(", ", Enum.GetNames<TypeLoadMode>())}."),
        };
}
