using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Receivables.Testing.Cosmos;

/// <summary>
/// Forwards the SDK's gateway requests to the Node store unchanged, except TransactionalBatch: the SDK sends and
/// expects HybridRow (binary), which only .NET reads, so batches are translated to the store's JSON batch here.
/// </summary>
internal sealed class CompatibilityProxy : IDisposable
{
    // Hop-by-hop headers describe one connection, not the message; they must not be forwarded.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Host", "Expect",
    };

    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    });

    private Uri? _backend;

    public void Attach(Uri backend) => _backend = backend;

    public void Dispose() => _client.Dispose();

    public async Task HandleAsync(HttpContext context)
    {
        var backend = _backend;
        if (backend is null)
        {
            // Only possible in the moment between Kestrel starting and the store reporting its port.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        try
        {
            if (IsTrue(context.Request.Headers["x-ms-cosmos-is-batch-request"]))
            {
                await HandleBatchAsync(context, backend).ConfigureAwait(false);
            }
            else
            {
                await ForwardAsync(context, backend).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!context.Response.HasStarted && e is HttpRequestException or InvalidDataException or JsonException)
        {
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "InternalServerError", e.Message).ConfigureAwait(false);
        }
    }

    private async Task ForwardAsync(HttpContext context, Uri backend)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), BackendUri(context, backend, null));
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0
            || HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);
        if (hasBody)
        {
            message.Content = new StreamContent(request.Body);
        }
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _client.SendAsync(message, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        CopyHeaders(response.Headers, context.Response);
        CopyHeaders(response.Content.Headers, context.Response);
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task HandleBatchAsync(HttpContext context, Uri backend)
    {
        var request = context.Request;
        var operations = await BatchCodec.ReadOperationsAsync(request.Body, context.RequestAborted).ConfigureAwait(false);
        var batch = new JsonObject
        {
            ["partitionKey"] = request.Headers["x-ms-documentdb-partitionkey"].ToString() is { Length: > 0 } key ? key : null,
            ["atomic"] = IsTrue(request.Headers["x-ms-cosmos-batch-atomic"]),
            ["operations"] = new JsonArray([.. operations]),
        };

        // The SDK posts a batch to .../docs; the store takes it at /__testserver/batch/dbs/{db}/colls/{coll}.
        using var message = new HttpRequestMessage(HttpMethod.Post, BackendUri(context, backend, "/__testserver/batch"))
        {
            Content = new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await _client.SendAsync(message, context.RequestAborted).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The container is missing or the body was rejected: an ordinary Cosmos error, which the SDK reports as is.
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var outcome = JsonDocument.Parse(body);
        var results = outcome.RootElement.GetProperty("results").EnumerateArray().Select(BatchCodec.BatchResult.FromJson).ToList();
        // A failed batch goes out as 207 Multi-Status, as the service sends it: the failing operation carries its
        // status, the others 424. The SDK then reads the per-operation results and promotes the first status that
        // is not 424 to the batch's StatusCode. (Sent with the failing status itself, e.g. 409, the SDK turns the
        // body into an error message and reports every operation as 409.)
        var status = outcome.RootElement.GetProperty("statusCode").GetInt32();
        context.Response.StatusCode = status >= 400 ? StatusCodes.Status207MultiStatus : status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-ms-activity-id"] = Guid.NewGuid().ToString();
        context.Response.Headers["x-ms-request-charge"] = results.Count.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ms-session-token"] = "0:-1#1";
        // The store's own diagnostics (x-test-undo-entries: what the batch logged to be able to roll back).
        foreach (var (name, values) in response.Headers)
        {
            if (name.StartsWith("x-test-", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
        using var payload = new MemoryStream();
        await BatchCodec.WriteResultsAsync(payload, results).ConfigureAwait(false);
        context.Response.ContentLength = payload.Length;
        payload.Position = 0;
        await payload.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    // The request target exactly as the client sent it (ids may hold characters that must stay escaped).
    private static Uri BackendUri(HttpContext context, Uri backend, string? prefix)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
        if (prefix is not null)
        {
            var path = target.Split('?', 2)[0].TrimEnd('/');
            if (path.EndsWith("/docs", StringComparison.Ordinal))
            {
                path = path[..^"/docs".Length];
            }
            target = prefix + "/" + path.TrimStart('/');
        }
        return new Uri(backend.GetLeftPart(UriPartial.Authority) + "/" + target.TrimStart('/'),
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
    }

    private static void CopyHeaders(HttpHeaders headers, HttpResponse response)
    {
        foreach (var (name, values) in headers)
        {
            if (!HopByHop.Contains(name))
            {
                response.Headers[name] = values.ToArray();
            }
        }
    }

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase));

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject { ["code"] = code, ["message"] = message }.ToJsonString(), context.RequestAborted);
    }
}
