namespace Participation.Host.Http;

/// <summary>
/// <c>{caseId:id}</c>: a route segment that is a UUID other than the empty one. Anything else
/// names nothing that can exist, so the route does not match and the caller gets a 404 problem.
/// </summary>
public sealed class IdRouteConstraint : IRouteConstraint
{
    public const string Name = "id";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value)
        && Guid.TryParse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), out var id)
        && id != Guid.Empty;
}
