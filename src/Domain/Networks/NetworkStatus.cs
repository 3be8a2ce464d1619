namespace Participation.Domain.Networks;

public enum NetworkStatus { Active, Retired, Merged }
