using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Receivables.Tests.Worker.Rpc;

namespace Receivables.Tests.Worker;

/// <summary>The stand-in's HTTP front: what the host does with an HTTP request for a worker with the HttpUri capability.</summary>
public sealed partial class FunctionsHostStandIn
{
    /// <summary>The correlation header of the ASP.NET Core integration: the invocation the forwarded request belongs to.</summary>
    public const string InvocationIdHeader = "x-ms-invocation-id";

    /// <summary>Set by the stand-in on every answer of a function: which function the request went to, and the invocation.</summary>
    public const string FunctionHeader = "x-stand-in-function";
    public const string InvocationHeader = "x-stand-in-invocation";

    // Hop-by-hop headers, and Host: the forwarded request is a new one to the worker's listener.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer",
    };

    private static readonly HashSet<string> NotReturned = new(StringComparer.OrdinalIgnoreCase) { "Connection", "Keep-Alive", "Transfer-Encoding" };

    private HttpMessageInvoker? forwarder;

    /// <summary>
    /// As the host's proxy (DefaultHttpProxyService): no redirects followed, no cookies kept, and a request the worker's
    /// listener refuses is tried again (RetryProxyHandler), because the worker may report its HttpUri before that
    /// listener accepts connections (seen here: the first request of a fresh worker refused).
    /// </summary>
    private HttpMessageInvoker Forwarder => forwarder ??= new HttpMessageInvoker(
        new RetryingForward(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false }, Note));

    /// <summary>The host's RetryProxyHandler: up to 10 attempts on a connection failure, 50 ms apart doubling up to 250 ms.</summary>
    private sealed class RetryingForward(HttpMessageHandler inner, Action<string> note) : DelegatingHandler(inner)
    {
        public const int MaxAttempts = 10;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var delay = 50;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await base.SendAsync(request, cancellationToken);
                }
                catch (HttpRequestException e) when (attempt < MaxAttempts)
                {
                    note($"front: forwarding {request.Method} {request.RequestUri?.PathAndQuery} failed ({e.Message}); attempt {attempt + 1} of {MaxAttempts} in {delay} ms");
                    await Task.Delay(delay, cancellationToken);
                    delay = Math.Min(delay * 2, 250);
                }
            }
        }
    }

    private WebApplication? front;

    /// <summary>A client of the HTTP front, as a client of the Functions host: base address http://127.0.0.1:port/.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>
    /// Test-only misrouting: when set, requests are forwarded to this path (query kept) instead of their own, while the
    /// InvocationRequest still names the matched function: what the host meets when the worker does not map a URL.
    /// </summary>
    public string? ForwardedPathOverride { get; set; }

    /// <summary>How long one HTTP invocation may take, both halves.</summary>
    public TimeSpan InvocationTimeout { get; set; } = DefaultInvocationTimeout;

    private async Task ServeAsync(HttpContext context)
    {
        var constraints = context.RequestServices.GetRequiredService<IInlineConstraintResolver>();
        var matches = Functions.Select(f => (Function: f, Values: f.Match(context, constraints))).Where(m => m.Values is not null).ToList();
        var target = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
        if (matches.Count == 0)
        {
            // As the host: no function takes it.
            Note($"front: {target} -> 404, no function");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (matches.Count > 1)
        {
            // The host tries its routes in an order of its own, not by precedence: an ambiguity here is a real defect.
            await StandInErrorAsync(context, $"{target} matches {string.Join(" and ", matches.Select(m => m.Function.ToString()))}: ambiguous routes");
            return;
        }

        var (function, values) = matches[0];
        var invocation = NewInvocation(function);
        invocation.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = new TypedData() });
        foreach (var (key, value) in values!)
        {
            if (value is not null) invocation.TriggerMetadata[key] = new TypedData { String = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) };
        }
        invocation.TriggerMetadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())) };
        invocation.TriggerMetadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString())) };
        context.Response.Headers[FunctionHeader] = function.Name;
        context.Response.Headers[InvocationHeader] = invocation.InvocationId;
        Note($"front: {target} -> {function.Name}");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(InvocationTimeout);
        using var forwarded = Forward(context, invocation.InvocationId);
        // Both at once, as the host: the request to the worker's listener, and the InvocationRequest.
        var answer = Forwarder.SendAsync(forwarded, timeout.Token);
        InvocationResponse result;
        try
        {
            result = await InvokeAsync(function, invocation, InvocationTimeout);
        }
        catch (WorkerProtocolException e)
        {
            await timeout.CancelAsync();
            Note($"front: {target} <- worker {await ObserveAsync(answer)}");
            await StandInErrorAsync(context, e.Message);
            return;
        }

        if (result.Result?.Status != StatusResult.Types.Status.Success)
        {
            // The worker answers the forwarded request even when the function failed (200, empty body); only the
            // InvocationResponse says so, and the host makes it a 500.
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            Note($"front: {target} <- worker {await ObserveAsync(answer)}");
            Note($"front: {target} -> 500, invocation {result.Result?.Status}: {result.Result?.Exception?.Message}");
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        HttpResponseMessage response;
        try
        {
            response = await answer;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            await StandInErrorAsync(context, $"{function.Name} {invocation.InvocationId}: the invocation succeeded, but the forwarded request failed: {e.GetType().Name}: {e.Message}\n{Transcript}");
            return;
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            Note($"front: {target} <- worker {(int)response.StatusCode}, {body.Length} bytes");
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!NotReturned.Contains(header.Key)) context.Response.Headers[header.Key] = header.Value.ToArray();
            }
            if (body.Length > 0) await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>The client's request, to the worker's listener, with the invocation id and the usual forwarding headers.</summary>
    private HttpRequestMessage Forward(HttpContext context, string invocationId)
    {
        var request = context.Request;
        var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(WorkerHttpUri, (ForwardedPathOverride ?? request.Path.Value) + request.QueryString.Value));
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (hasBody) forwarded.Content = new StreamContent(request.Body);
        else if (request.ContentLength == 0) forwarded.Content = new ByteArrayContent([]);
        foreach (var header in request.Headers)
        {
            if (NotForwarded.Contains(header.Key)) continue;
            if (!forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
                forwarded.Content?.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }
        forwarded.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        forwarded.Headers.TryAddWithoutValidation("X-Forwarded-For", context.Connection.RemoteIpAddress?.ToString());
        forwarded.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        forwarded.Headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);
        return forwarded;
    }

    /// <summary>How the forwarded request ended, for the transcript; its answer is not passed on.</summary>
    private static async Task<string> ObserveAsync(Task<HttpResponseMessage> answer)
    {
        try
        {
            using var response = await answer;
            return $"{(int)response.StatusCode}, {response.Content.Headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} bytes (not passed on)";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return $"no answer: {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>The stand-in itself could not serve the request: 500, the reason as text (a test prints it).</summary>
    private async Task StandInErrorAsync(HttpContext context, string reason)
    {
        Note("front: stand-in error: " + reason.Split('\n')[0]);
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("functions host stand-in: " + reason), context.RequestAborted);
    }
}
