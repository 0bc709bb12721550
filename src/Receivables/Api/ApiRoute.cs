using Microsoft.AspNetCore.Routing.Template;

namespace Receivables.Api;

/// <summary>Who may call a route and what it needs to know about the caller.</summary>
public enum RouteAccess
{
    /// <summary>No token (only <c>POST /auth/token</c>).</summary>
    Anonymous,
    /// <summary>A valid bearer token; no <c>x-monite-entity-id</c> (partner-level routes such as <c>/entities</c>).</summary>
    Authenticated,
    /// <summary>A valid bearer token and an <c>x-monite-entity-id</c> the token may act on (spec 1.1).</summary>
    EntityScoped,
    /// <summary>
    /// A web page a browser opens from a link (the hosted payment page): no token, no API version header, answered in
    /// HTML, errors included. The capability is in the path.
    /// </summary>
    Page,
}

public delegate Task<ApiResponse> ApiHandler(ApiRequest request);

/// <summary>
/// One route of the API: method, template (relative to the <c>/v1</c> prefix, exactly as the Functions
/// <c>HttpTrigger</c> route) and the endpoint that serves it. Both hosts mount the same instances.
/// </summary>
public sealed class ApiRoute
{
    private readonly TemplateMatcher matcher;

    /// <param name="idempotent">
    /// A create that honours <c>Idempotency-Key</c>: a retry with the same key and body returns the first
    /// response and creates nothing; the same key with another body is 409.
    /// </param>
    /// <param name="policy">
    /// What an entity user's role must allow (spec 1.6). Every route a token opens declares one, so that no route is left
    /// open to entity users by being forgotten.
    /// </param>
    public ApiRoute(string name, string method, string template, RouteAccess access, ApiHandler handler, bool idempotent = false, RoutePolicy? policy = null)
    {
        if (access is RouteAccess.Authenticated or RouteAccess.EntityScoped && policy is null)
            throw new ArgumentException($"Route {name} takes a token and must declare the permission it needs", nameof(policy));
        Policy = policy;
        Idempotent = idempotent;
        Name = name;
        Method = method;
        Template = template;
        Access = access;
        Handler = handler;
        matcher = new TemplateMatcher(TemplateParser.Parse(template), []);
    }

    public string Name { get; }
    public string Method { get; }
    public string Template { get; }
    public RouteAccess Access { get; }
    public ApiHandler Handler { get; }
    public bool Idempotent { get; }

    /// <summary>Null only for routes without a token (the token route and web pages).</summary>
    public RoutePolicy? Policy { get; }

    /// <summary>
    /// Route values are read from the path here rather than from the host's routing, so that the
    /// Functions host and the Kestrel host hand an endpoint exactly the same values.
    /// </summary>
    public bool TryMatch(string path, out IReadOnlyDictionary<string, string> values)
    {
        var relative = path.StartsWith(ApiRoutes.Prefix + "/", StringComparison.OrdinalIgnoreCase) ? path[ApiRoutes.Prefix.Length..] : path;
        var routeValues = new Microsoft.AspNetCore.Routing.RouteValueDictionary();
        var matched = matcher.TryMatch(relative, routeValues);
        values = routeValues.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.OrdinalIgnoreCase);
        return matched;
    }
}
