using Microsoft.Extensions.Options;

namespace Participation.Host.Insights;

/// <summary>How small a published count may be (<c>Figures:MinimumCount</c>): below it a count is suppressed.</summary>
public sealed class FigureOptions
{
    public const string Section = "Figures";
    public const int Lowest = 3;

    public int MinimumCount { get; set; } = 5;
}

/// <summary>Refuses to start with a threshold below <see cref="FigureOptions.Lowest"/>: a count of one or two identifies a family.</summary>
public sealed class FigureOptionsValidation : IValidateOptions<FigureOptions>
{
    public ValidateOptionsResult Validate(string? name, FigureOptions options) =>
        options.MinimumCount >= FigureOptions.Lowest
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Figures:MinimumCount is {options.MinimumCount}; it must be at least {FigureOptions.Lowest}, so no published count can point at one family.");
}
