namespace Participation.Host.Security;

public static class Roles
{
    public const string Caseworker = "caseworker";
    public const string Manager = "manager";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly string[] All = [Caseworker, Manager, Auditor, Admin];
}

/// <summary>Authorization policies, one per row of API.md's role table.</summary>
public static class Policies
{
    public const string WriteCases = nameof(WriteCases);
    public const string ReadCases = nameof(ReadCases);
    public const string TrackProgress = nameof(TrackProgress);
    public const string Audit = nameof(Audit);
    public const string Administer = nameof(Administer);
    public const string ReadNetworks = nameof(ReadNetworks);
    public const string WriteNetworks = nameof(WriteNetworks);
    public const string ManageNetworks = nameof(ManageNetworks);
    public const string ReadWorklist = nameof(ReadWorklist);
}
