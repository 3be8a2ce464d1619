namespace Participation.Host.FollowUp;

public static class FollowUpRoutes
{
    public const string Norms = "/api/norms";
    public const string NormsHistory = Norms + "/history";
    public const string Worklist = "/api/worklist";
}
