using JasperFx.Events;
using Participation.Domain.Cases;
using Participation.Projections;

namespace Participation.Host.Audit;

/// <summary>The filters of the audit log and its export, validated; events in global sequence order.</summary>
public sealed record AuditQuery(string? User, Guid? CaseId, string? Type, DateTimeOffset? From, DateTimeOffset? To)
{
    public static AuditQuery Parse(string? user, Guid? caseId, string? type, DateTimeOffset? from, DateTimeOffset? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (type is not null && !PublishedEvents.Names.Contains(type))
            errors["type"] = [$"must be one of {string.Join(", ", PublishedEvents.Names)}"];
        if (from is not null && to is not null && from > to) errors["from"] = ["must not lie after to"];
        if (user is not null && CommandValidation.HasForbiddenCharacters(user)) errors["user"] = [CommandValidation.ForbiddenCharacters];
        if (errors.Count > 0) throw new InvalidCommand(errors);
        return new AuditQuery(string.IsNullOrWhiteSpace(user) ? null : user.Trim(), caseId, type, from?.ToUniversalTime(), to?.ToUniversalTime());
    }

    public IQueryable<IEvent> Apply(IQueryable<IEvent> events)
    {
        if (CaseId is { } caseId) events = events.Where(e => e.StreamId == caseId);
        if (Type is { } type) events = events.Where(e => e.EventTypeName == type);
        if (User is { } user) events = events.Where(e => e.UserName == user);
        if (From is { } from) events = events.Where(e => e.Timestamp >= from);
        if (To is { } to) events = events.Where(e => e.Timestamp < to);
        return events.OrderBy(e => e.Sequence);
    }
}
