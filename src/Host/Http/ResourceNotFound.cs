namespace Participation.Host.Http;

/// <summary>What the caller asked for does not exist for them (or belongs to another tenant): 404.</summary>
public sealed class ResourceNotFound(string message) : Exception(message);
