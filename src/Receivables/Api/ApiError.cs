using System.Net;

namespace Receivables.Api;

/// <summary>
/// A failure the API reports to the client with the generic error shape <c>{"error":{"message":...}}</c>
/// (spec 1.3). Thrown from anywhere below an endpoint; the pipeline turns it into the response.
/// </summary>
public class ApiException(int status, string message, string? type = null) : Exception(message)
{
    public int Status { get; } = status;
    public string? Type { get; } = type;

    /// <summary>When the client may try again (<c>Retry-After</c>), for answers that ask it to wait.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    public static ApiException BadRequest(string message, string? type = null) => new((int)HttpStatusCode.BadRequest, message, type);
    public static ApiException Unauthorized(string message) => new((int)HttpStatusCode.Unauthorized, message);
    public static ApiException Forbidden(string message) => new((int)HttpStatusCode.Forbidden, message);
    public static ApiException NotFound(string message) => new((int)HttpStatusCode.NotFound, message);
    public static ApiException Conflict(string message) => new((int)HttpStatusCode.Conflict, message);
    public static ApiException PreconditionFailed(string message) => new((int)HttpStatusCode.PreconditionFailed, message);
    public static ApiException TooManyRequests(string message, TimeSpan retryAfter) => new((int)HttpStatusCode.TooManyRequests, message) { RetryAfter = retryAfter };
}
