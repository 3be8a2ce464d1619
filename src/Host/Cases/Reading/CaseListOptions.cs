using System.ComponentModel.DataAnnotations;

namespace Participation.Host.Cases.Reading;

/// <summary>How the case list tells its total (<c>Cases:List</c>).</summary>
public sealed class CaseListOptions
{
    public const string Section = "Cases:List";

    /// <summary>Up to this many matching cases the total is counted; beyond it, counting every page would cost more than the page.</summary>
    [Range(1, 10_000_000)]
    public int ExactTotalUpTo { get; set; } = 10_000;
}
