using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Receivables.Api;

/// <summary>
/// What an endpoint answers. It writes itself to the response, so it runs the same under Kestrel
/// (<see cref="IResult"/>) and under the Functions ASP.NET Core integration (<see cref="IActionResult"/>).
/// </summary>
public sealed class ApiResponse : IResult, IActionResult
{
    private ApiResponse(int status, object? body, string? etag)
    {
        Status = status;
        Body = body;
        ETag = etag;
    }

    public int Status { get; }
    public object? Body { get; }
    public string? ETag { get; }

    /// <summary>A web page (<see cref="HtmlPage"/>) instead of JSON, sent with the pages' security headers.</summary>
    public string? Html { get; private init; }

    public static ApiResponse Page(int status, string html) => new(status, null, null) { Html = html };

    /// <summary>
    /// This answer as a page, for routes a browser opens: an error becomes <see cref="HtmlPage.Error"/> with its status and
    /// message (a validation error says only that the request was invalid).
    /// </summary>
    public ApiResponse AsPage() => Html is not null || Status < 400 ? this : Page(Status, HtmlPage.Error(Status, Body switch
    {
        ErrorBody e when Status < 500 => e.Error.Message,
        ValidationBody => "This request is not valid",
        _ => "This page is temporarily unavailable; try again in a moment",
    }));

    public static ApiResponse Ok(object body, string? etag = null) => new(StatusCodes.Status200OK, body, etag);
    public static ApiResponse Created(object body, string? etag = null) => new(StatusCodes.Status201Created, body, etag);
    public static ApiResponse NoContent() => new(StatusCodes.Status204NoContent, null, null);
    public static ApiResponse Json(int status, object body) => new(status, body, null);

    /// <summary>The recorded first response of an idempotent request, sent again.</summary>
    public static ApiResponse Replay(int status, JsonElement? body, string? etag) => new(status, body, etag) { Replayed = true };

    public bool Replayed { get; private init; }

    /// <summary>Marks a <see cref="Replay"/>: the client learns its retry created nothing new.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static ApiResponse Error(int status, string message, string? type = null) =>
        new(status, new ErrorBody(new ErrorDetail(message, type)), null);

    /// <summary>
    /// 422 with the issues, each echoing at most <see cref="MaxEchoed"/> characters of what the client sent: a key or
    /// value of a megabyte named in <c>loc</c> or a message must not come back whole (the bad-input benchmark found a
    /// 1 MiB answer to a body whose only key was 1 MiB long).
    /// </summary>
    public static ApiResponse Validation(IReadOnlyList<ValidationIssue> issues) =>
        new(StatusCodes.Status422UnprocessableEntity, new ValidationBody(issues.Select(Bounded).ToList()), null);

    public const int MaxEchoed = 200;

    private static ValidationIssue Bounded(ValidationIssue issue) =>
        issue.Loc.Any(l => l is string { Length: > MaxEchoed }) || issue.Msg.Length > MaxEchoed * 5
            ? issue with { Loc = issue.Loc.Select(l => l is string text ? Shortened(text, MaxEchoed) : l).ToList(), Msg = Shortened(issue.Msg, MaxEchoed * 5) }
            : issue;

    private static string Shortened(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        if (ETag is not null) response.Headers.ETag = Store.ETags.Quoted(ETag);
        if (Replayed) response.Headers[ReplayedHeader] = "true";
        if (Html is not null)
        {
            await WritePageAsync(response, Html, httpContext.RequestAborted);
            return;
        }
        if (Body is null or JsonElement { ValueKind: JsonValueKind.Undefined or JsonValueKind.Null }) return;
        response.ContentType = "application/json";
        if (Body is JsonBody json)
        {
            response.ContentLength = json.Utf8.Length;
            await response.Body.WriteAsync(json.Utf8, httpContext.RequestAborted);
            return;
        }
        await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), ApiJson.Options, httpContext.RequestAborted);
    }

    private static async Task WritePageAsync(HttpResponse response, string html, CancellationToken ct)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = HtmlPage.ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // A payment page shows bank details and amounts of one person's invoice: no cache, shared or private, keeps it.
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(html, System.Text.Encoding.UTF8, ct);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);

    private sealed record ErrorBody(ErrorDetail Error);

    private sealed record ErrorDetail(string Message, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Type);

    private sealed record ValidationBody(IReadOnlyList<ValidationIssue> Detail);
}

/// <summary>
/// A body that is already the API's JSON (a stored document's answer made without objects, <see cref="Documents.ReceivableJson"/>):
/// written as it is, also where a response is recorded (idempotency).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(JsonBodyConverter))]
public sealed class JsonBody(ReadOnlyMemory<byte> utf8)
{
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    private sealed class JsonBodyConverter : System.Text.Json.Serialization.JsonConverter<JsonBody>
    {
        public override JsonBody Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("a JSON body is only written");

        public override void Write(Utf8JsonWriter writer, JsonBody value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
    }
}
