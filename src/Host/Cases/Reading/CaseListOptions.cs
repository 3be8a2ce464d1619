using System.ComponentModel.DataAnnotations;

namespace Participation.Host.Cases.Reading;

/// <summary>How the case list tells its total (<c>Cases:List</c>).</summary>
public sealed class CaseListOptions
{
    public const string Section = "Cases:List";

    /// <summary>Up to this many matching cases the total is counted; beyond it, counting every page would cost more than the page.</summary>
    [Range(1, 10_000_000)]
    public int ExactTotalUpTo { get; set; } = 10_000;

    /// <summary>
    /// The same for a text search (<c>q</c>), whose matches the trigram index only narrows down: each is checked against its
    /// row, so counting 10,000 of them took 54 ms where 1,000 took 10 (docs/benchmarks/scale.md).
    /// </summary>
    [Range(1, 10_000_000)]
    public int ExactTextTotalUpTo { get; set; } = 1_000;

    public int ExactUpTo(CaseListQuery query) => query.Text is null ? ExactTotalUpTo : Math.Min(ExactTotalUpTo, ExactTextTotalUpTo);
}
