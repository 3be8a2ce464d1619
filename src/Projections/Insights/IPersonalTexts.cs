using Marten;

namespace Participation.Projections.Insights;

/// <summary>
/// Opens encrypted personal texts for a projection that needs their values (the figures count measured levels). The Host
/// implements it with the participants' keys; a text whose person is erased opens to nothing.
/// </summary>
public interface IPersonalTexts
{
    /// <summary>The plaintext of each of <paramref name="texts"/>, in order; null where a subject's key is gone.</summary>
    Task<IReadOnlyList<string?>> OpenAsync(IQuerySession session, IReadOnlyList<string> texts, CancellationToken cancellation);
}
