using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Receivables.Auth;
using Receivables.Entities;
using Receivables.EntityUsers;
using Receivables.Hosting;
using Receivables.Store;

namespace Receivables.Api;

/// <summary>
/// The conventions of spec section 1, applied once for every route, in both hosts: request id, API version,
/// bearer token, entity scope, then the endpoint; every failure becomes the spec's error shape.
/// </summary>
public sealed partial class ReceivablesApi(TokenService tokens, TokenRevocations revocations, EntityDirectory entities, RoleCheck roles, Idempotency idempotency, ApiLimits limits,
    CrossOrigin crossOrigin, ILogger<ReceivablesApi> log)
{
    public const string EntityHeader = "x-monite-entity-id";
    public const string RequestIdHeader = "x-request-id";

    /// <summary>
    /// The Functions entry point: one call per function. The Functions host does CORS itself but exposes no response
    /// headers, so the worker adds that one header (the Kestrel host does all of CORS in its own pipeline).
    /// </summary>
    public async Task<IActionResult> HandleAsync(ApiRoute route, HttpRequest request)
    {
        crossOrigin.ExposeHeaders(request.HttpContext);
        return await RunAsync(route, request.HttpContext);
    }

    public async Task<ApiResponse> RunAsync(ApiRoute route, HttpContext http)
    {
        var response = await RunApiAsync(route, http);
        return route.Access == RouteAccess.Page ? response.AsPage() : response;
    }

    private async Task<ApiResponse> RunApiAsync(ApiRoute route, HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString("N");
        var headers = http.Response.Headers;
        headers[RequestIdHeader] = requestId;
        // A body the route did not read to its end (one it takes none of, or one refused midway) leaves the connection
        // unable to carry another request: the answer says it closes, or a client reusing it fails its next request.
        // Only requests with a body pay for the callback: most (every GET) have none.
        if (RequestBody.HasBody(http.Request))
        {
            http.Response.OnStarting(() =>
            {
                if (RequestBody.LeftUnread(http.Request)) headers.Connection = "close";
                return Task.CompletedTask;
            });
        }
        // Every store call of the request gets this token: a slow, frozen or throttling store ends in a 503, not a hang.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(limits.RequestDeadline);
        try
        {
            // A page is opened by a browser, which sends no API headers.
            if (route.Access != RouteAccess.Page) headers[ApiVersion.Header] = ApiVersion.Require(http.Request.Headers);

            ApiPrincipal? principal = null;
            if (route.Access is RouteAccess.Authenticated or RouteAccess.EntityScoped)
            {
                var token = await tokens.AuthenticateAsync(http.Request.Headers.Authorization.ToString());
                // In memory, reloaded once per interval: no round trip on this path but the periodic reload.
                if (await revocations.IsRevokedAsync(token.Jti, deadline.Token))
                    throw ApiException.Unauthorized("The access token has been revoked");
                principal = token.Principal;
            }

            Guid? entityId = null;
            if (route.Access == RouteAccess.EntityScoped)
            {
                // An entity-user token names its entity: the header may be left out, and when sent it must be that entity.
                entityId = principal!.EntityId is { } own && http.Request.Headers[EntityHeader].Count == 0 ? own : RequireEntityHeader(http.Request.Headers);
                headers[EntityHeader] = entityId.Value.ToString();
                await entities.RequireAccessAsync(principal, entityId.Value, deadline.Token);
            }

            if (!route.TryMatch(http.Request.Path.Value ?? "", out var values))
                throw ApiException.NotFound("No such route");
            // RBAC (spec 1.6): after the entity is known to be the caller's, before anything is read or written.
            var decision = principal is null ? RoleDecision.Partner : await roles.AuthorizeAsync(principal, route, values, deadline.Token);
            var request = new ApiRequest(http, route, values, principal, entityId, deadline.Token) { OwnOnly = decision.OwnOnly, Caller = decision.User };
            if (route.Idempotent && Idempotency.KeyOf(http.Request) is { } key)
                return await idempotency.RunAsync(route, request, key, values);
            return await route.Handler(request);
        }
        catch (ApiException e)
        {
            if (e.Status == StatusCodes.Status401Unauthorized) headers.WWWAuthenticate = "Bearer";
            if (e.RetryAfter is { } wait) headers.RetryAfter = RetryAfterSeconds(wait);
            return ApiResponse.Error(e.Status, e.Message, e.Type);
        }
        catch (ValidationException e)
        {
            return ApiResponse.Validation(e.Issues);
        }
        catch (DomainException e)
        {
            // The one place a domain error becomes a status code.
            return ApiResponse.Error(e switch
            {
                ResourceNotFoundException => StatusCodes.Status404NotFound,
                ForbiddenException => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status409Conflict,
            }, e.Message);
        }
        catch (StaleVersionException e)
        {
            return ApiResponse.Error(StatusCodes.Status412PreconditionFailed, e.Message);
        }
        catch (ConcurrencyConflictException e)
        {
            // An operation ran out of retries against concurrent writers; the client may simply retry, shortly.
            headers.RetryAfter = "1";
            return ApiResponse.Error(StatusCodes.Status409Conflict, e.Message);
        }
        catch (Exception e) when (ClientWentAway(http, e))
        {
            // The client went away (mid-body, say); nobody reads this response, and nothing is wrong with the server,
            // so no more than a debug entry: on a public endpoint, anyone could fill the error log this way.
            LogClientGone(log, e, route.Name, requestId);
            return ApiResponse.Error(499, "Client closed the request");
        }
        catch (BadHttpRequestException e)
        {
            // The host refused the request itself while the body was read: too large (413), too slow (408), malformed
            // (400). The client's fault, so its own status in the spec's error shape, not a 500 and an error entry.
            LogRefused(log, route.Name, requestId, e.StatusCode, e.Message);
            return ApiResponse.Error(e.StatusCode, e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => RequestBody.TooLargeMessage,
                StatusCodes.Status408RequestTimeout => "The request body arrived too slowly; send it again without pauses",
                _ => e.Message,
            });
        }
        catch (Exception e) when (StoreFault.Of(e) is { } fault)
        {
            // The store is throttling, down or slow: not a bug of ours and not the client's fault, so no 500 and no
            // error-level entry (an outage would otherwise bury real errors); the client is told when to come back.
            LogStoreFault(log, route.Name, requestId, fault.Status, fault.Cause);
            headers.RetryAfter = RetryAfterSeconds(fault.RetryAfter);
            return fault.Status == StatusCodes.Status429TooManyRequests
                ? ApiResponse.Error(StatusCodes.Status429TooManyRequests, "Too many requests; retry after the time in Retry-After")
                : ApiResponse.Error(StatusCodes.Status503ServiceUnavailable, "The service is temporarily unavailable; retry after the time in Retry-After");
        }
        catch (Exception e)
        {
            LogUnhandled(log, e, route.Name, requestId);
            return ApiResponse.Error(StatusCodes.Status500InternalServerError, $"Internal server error. Quote request id {requestId} when reporting it.");
        }
    }

    /// <summary><c>Retry-After</c> in whole seconds, at least 1.</summary>
    private static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// What reading from a client that has gone surfaces as: the request's abort, a reset connection, or the host
    /// finding the body cut short. A reset is the client's going whether or not the abort has been signalled yet.
    /// </summary>
    private static bool ClientWentAway(HttpContext http, Exception e) =>
        e is Microsoft.AspNetCore.Connections.ConnectionResetException
        || (http.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException or BadHttpRequestException);

    private static Guid RequireEntityHeader(IHeaderDictionary headers)
    {
        var raw = headers[EntityHeader].ToString();
        if (raw.Length == 0)
            throw ValidationException.Of(["header", EntityHeader], "field required", "value_error.missing");
        if (!Guid.TryParse(raw, out var id))
            throw ValidationException.Of(["header", EntityHeader], "value is not a valid uuid", "type_error.uuid");
        return id;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store unavailable in {Route} (request {RequestId}), answered {Status}: {Cause}")]
    private static partial void LogStoreFault(ILogger logger, string route, string requestId, int status, string cause);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client went away during {Route} (request {RequestId})")]
    private static partial void LogClientGone(ILogger logger, Exception exception, string route, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request refused by the host in {Route} (request {RequestId}), answered {Status}: {Cause}")]
    private static partial void LogRefused(ILogger logger, string route, string requestId, int status, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Route} (request {RequestId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string route, string requestId);
}
