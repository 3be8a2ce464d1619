using Participation.Domain.Cases;

namespace Participation.Domain.Networks.Updating;

/// <summary>Any of the fields that describe a network; those left out stay as they are.</summary>
public sealed record UpdateNetwork(
    string? Name = null, NetworkKind? Kind = null, IReadOnlyList<Neighbourhood>? ActiveIn = null, string? Description = null, string? Organisation = null)
{
    /// <summary>The name and kind the network will claim, to check before deciding.</summary>
    public (string Name, NetworkKind Kind) ClaimAfter(NetworkState state) => (Name?.Trim() ?? state.Name, Kind ?? state.Kind);

    public IReadOnlyList<INetworkEvent> Decide(NetworkState state, Stamp stamp)
    {
        new CommandValidation()
            .NetworkFields(Name, Kind, ActiveIn, Description, Organisation, required: false)
            .Check(Name is null || !string.IsNullOrWhiteSpace(Name), "name", "may be left out, but not empty")
            .Check(Name is not null || Kind is not null || ActiveIn is not null || Description is not null || Organisation is not null,
                "name", "or another field is required: name, kind, activeIn, description or organisation")
            .ThrowIfInvalid();
        state.EnsureNotMerged();

        var name = Changed(Name?.Trim(), state.Name);
        var kind = Kind == state.Kind ? null : Kind;
        var activeIn = ActiveIn is null ? null : NetworkValidation.Distinct(ActiveIn);
        if (activeIn is not null && activeIn.SequenceEqual(state.ActiveIn)) activeIn = null;
        var description = Changed(Description, state.Description);
        var organisation = Changed(Organisation?.Trim(), state.Organisation);
        return name is null && kind is null && activeIn is null && description is null && organisation is null
            ? []
            : [new NetworkUpdated(name, kind, activeIn, description, organisation, stamp.By, stamp.At)];
    }

    private static string? Changed(string? value, string? current) => value is null || value == current ? null : value;
}
