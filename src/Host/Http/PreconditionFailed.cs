namespace Participation.Host.Http;

/// <summary>The <c>If-Match</c> header names a version the case is no longer (or never was) at.</summary>
public sealed class PreconditionFailed(string message) : Exception(message);
