using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Receivables.Api;

/// <summary>
/// Which browser pages on other origins may call the API (CORS; <see cref="Hosting.ReceivablesSettings.CorsAllowedOrigins"/>),
/// and what they may send and read. The Kestrel host applies all of it; in Azure (and under Core Tools) the Functions host
/// answers preflights and allows the origin itself, but exposes no headers, so the worker adds <see cref="ExposedHeaders"/>
/// (see <see cref="ExposeHeaders"/>).
/// </summary>
/// <param name="AllowedOrigins">Exact origins, as a browser sends them (lower case, no default port, no slash).</param>
public sealed record CrossOrigin(IReadOnlyList<string> AllowedOrigins)
{
    public bool Enabled => AllowedOrigins.Count > 0;

    /// <summary>
    /// The request headers a page may send: the API's own (spec 1.1), the conditional and idempotent writes', and the one
    /// Monite's drop-in UI (@monite/sdk-react 3.22.0) adds to every call, <c>x-monite-sdk-version</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> AllowedHeaders =
    [
        HeaderNames.Authorization.ToLowerInvariant(), HeaderNames.ContentType.ToLowerInvariant(), ApiVersion.Header, ReceivablesApi.EntityHeader,
        Idempotency.Header.ToLowerInvariant(), HeaderNames.IfMatch.ToLowerInvariant(), "x-monite-sdk-version",
    ];

    /// <summary>
    /// The response headers the API sets that a page may read (a browser shows a script only the CORS-safelisted ones
    /// otherwise): the ETag for <c>If-Match</c>, the request id to quote, when to retry, the echoes of spec 1.2.
    /// </summary>
    public static readonly IReadOnlyList<string> ExposedHeaders =
    [
        HeaderNames.ETag.ToLowerInvariant(), ReceivablesApi.RequestIdHeader, HeaderNames.RetryAfter.ToLowerInvariant(), ApiVersion.Header,
        ReceivablesApi.EntityHeader, ApiResponse.ReplayedHeader.ToLowerInvariant(), HeaderNames.WWWAuthenticate.ToLowerInvariant(),
    ];

    /// <summary>Every method a route of the API takes.</summary>
    public static IReadOnlyList<string> Methods => ApiRoutes.All.Select(r => r.Method).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    /// <summary>How long a browser may reuse a preflight's answer: Chromium's ceiling, so a page pays for one preflight per call shape at most every two hours.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromHours(2);

    public bool Allows(string origin) => AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// For the Functions worker: lets a page of an allowed origin read <see cref="ExposedHeaders"/>. The platform's CORS
    /// (and Core Tools') allows the origin but exposes nothing, so without this a browser could not read an ETag.
    /// </summary>
    public void ExposeHeaders(HttpContext http)
    {
        if (http.Request.Headers.Origin is [{ } origin] && Allows(origin))
            http.Response.Headers.AccessControlExposeHeaders = string.Join(", ", ExposedHeaders);
    }
}
