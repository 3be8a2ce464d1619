namespace Participation.Host.Cases;

public static class CaseRoutes
{
    /// <summary>One case; <c>{caseId}</c> is a UUID other than the empty one.</summary>
    public const string Case = "/api/cases/{caseId:id}";
}
