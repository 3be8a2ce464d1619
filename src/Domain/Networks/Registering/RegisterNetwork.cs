using Participation.Domain.Cases;

namespace Participation.Domain.Networks.Registering;

public sealed record RegisterNetwork(
    string Name, NetworkKind Kind, IReadOnlyList<Neighbourhood> ActiveIn, string? Description = null, string? Organisation = null)
{
    /// <summary>Whether the fields are valid; the host then checks that no network of the tenant claims the name and kind.</summary>
    public RegisterNetwork Validated()
    {
        new CommandValidation().NetworkFields(Name, Kind, ActiveIn, Description, Organisation, required: true).ThrowIfInvalid();
        return this;
    }

    public NetworkRegistered Decide(Guid networkId, Stamp stamp) =>
        new(networkId, Validated().Name.Trim(), Kind, NetworkValidation.Distinct(ActiveIn), Description, Organisation?.Trim(), stamp.By, stamp.At);
}
