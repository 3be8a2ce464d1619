namespace Participation.Domain.FollowUp;

/// <summary>Names one deadline at one level: a deadline that moves (a new contact moment, a suspension) is a new one.</summary>
public static class OverdueKey
{
    public static string Of(FollowUpKind kind, Guid? reference, DateTimeOffset dueAt, OverdueLevel level) =>
        $"{kind}|{reference}|{dueAt.UtcTicks}|{level}";
}
