using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Receivables.Store;

namespace Receivables.Api;

/// <summary>
/// <c>Idempotency-Key</c> on create routes: a retry with the same key and body gets the first response and
/// writes nothing; the same key with another body is 409. The record is written in one batch with the
/// request's first write, so a key never stands for a half-done request, and a document is never duplicated.
/// </summary>
public sealed partial class Idempotency(DocumentStore store, TimeProvider clock, Hosting.ApiLimits limits, Microsoft.Extensions.Logging.ILogger<Idempotency> log)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    public static string? KeyOf(HttpRequest request) =>
        request.Headers[Header].ToString() is { Length: > 0 } key ? key : null;

    public async Task<ApiResponse> RunAsync(ApiRoute route, ApiRequest request, string key, IReadOnlyDictionary<string, string> routeValues)
    {
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
            throw ValidationException.Of(["header", Header], $"ensure this value has at most {MaxKeyLength} printable characters", "value_error.any_str.max_length");

        var http = request.Http;
        var (partition, createdId) = PartitionFor(route, request, routeValues, key);
        if (partition is null) return await route.Handler(request);

        // The body is read here for its digest, with the endpoint's own limits (size, media type); the endpoint gets
        // the same bytes. An unbounded copy here let a body reach the host's limit (30 MB) and fail as a 500.
        var body = await RequestBody.ReadBytesAsync(http.Request, request.Aborted);
        var hash = IdempotencyScope.Hash(http.Request.Method, http.Request.Path.Value ?? "", body.Span);

        var recordId = IdempotencyRecord.IdFor(route.Name, key);
        if (await store.ReadAsync<IdempotencyRecord>(partition.Value, recordId, IdempotencyRecord.ResourceName, request.Aborted) is { } earlier)
            return Replay(earlier.Document, hash, key);

        var scope = new IdempotencyScope(partition.Value, new IdempotencyRecord
        {
            Id = recordId,
            EntityId = partition.Value,
            Resource = IdempotencyRecord.ResourceName,
            Route = route.Name,
            RequestHash = hash,
            CreatedAt = clock.GetUtcNow(),
        })
        { CreatedId = createdId };

        ApiResponse response;
        IdempotencyScope.Current = scope;
        try
        {
            response = await route.Handler(request);
        }
        catch (IdempotencyKeyTakenException)
        {
            // A concurrent request with the same key wrote first; answer as its retry.
            var winner = await store.ReadAsync<IdempotencyRecord>(partition.Value, recordId, IdempotencyRecord.ResourceName, request.Aborted);
            return winner is null ? throw ApiException.Conflict(InProgress(key)) : Replay(winner.Document, hash, key);
        }
        finally
        {
            IdempotencyScope.Current = null;
        }

        if (scope.Claimed && response.Status is >= 200 and < 300)
        {
            scope.Record.ResponseStatus = response.Status;
            scope.Record.ResponseBody = response.Body is null ? null : JsonSerializer.SerializeToElement(response.Body, response.Body.GetType(), ApiJson.Options);
            scope.Record.ResponseEtag = response.ETag;
            try
            {
                // Not the request's token: the write is done, so its response is recorded even if the client has just
                // gone away; but bounded like any store call.
                using var bounded = new CancellationTokenSource(limits.RequestDeadline);
                await store.CompleteAsync(scope.Record, bounded.Token);
            }
            catch (Exception e)
            {
                // The write itself is done and recorded; a retry will be told so rather than repeat it.
                LogCompletionFailed(log, e, key);
            }
        }
        return response;
    }

    /// <summary>
    /// Where the record lives: the request's entity; for routes with an entity in the path, that entity; for
    /// creating an entity, the new entity's own partition, whose id is derived from the key.
    /// </summary>
    private static (Guid? Partition, Guid? CreatedId) PartitionFor(ApiRoute route, ApiRequest request, IReadOnlyDictionary<string, string> routeValues, string key)
    {
        if (route.Access == RouteAccess.EntityScoped) return (request.EntityId, null);
        if (routeValues.TryGetValue("entity_id", out var raw)) return Guid.TryParse(raw, out var id) ? (id, null) : (null, null);
        var created = IdempotencyScope.DeterministicId($"{request.Principal.PartnerId}\n{route.Name}", key);
        return (created, created);
    }

    private static ApiResponse Replay(IdempotencyRecord earlier, string hash, string key)
    {
        if (earlier.RequestHash != hash)
            throw ApiException.Conflict($"Idempotency-Key '{key}' was already used with a different request; use a new key for a new request");
        if (earlier.ResponseStatus is not { } status) throw ApiException.Conflict(InProgress(key));
        return ApiResponse.Replay(status, earlier.ResponseBody, earlier.ResponseEtag);
    }

    private static string InProgress(string key) =>
        $"A request with Idempotency-Key '{key}' has been written but its response is not recorded yet (still in progress, or interrupted); read the resource instead of retrying";

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Could not record the response of idempotency key {Key}")]
    private static partial void LogCompletionFailed(Microsoft.Extensions.Logging.ILogger logger, Exception exception, string key);
}
