using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Receivables.Store;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Hosting;

/// <summary>
/// A host whose logs the tests read. Kestrel's minimum body data rate is its default (240 B/s after a 5 s grace): the
/// slim builder does not bind Kestrel's limits from configuration, and a setting for it would serve only this test.
/// </summary>
public sealed class LoggedHost : ApiHost
{
    public LoggedHost() : this(new LogCapture()) { }

    private LoggedHost(LogCapture logs) : base(new Dictionary<string, string?>(), logs.AddTo) => Logs = logs;

    public LogCapture Logs { get; }
}

/// <summary>
/// What the host itself refuses while a body is read is the client's doing (issue 10, defect 6): a body over the limit
/// is 413 also with an <c>Idempotency-Key</c> (whose digest read the body without the limit, up to Kestrel's 30 MB, then
/// a 500), a body slower than the minimum data rate is 408 (was 500), each in the spec's error shape; a client that
/// hangs up mid-body leaves no error-level entry (was an unhandled error with a stack trace), also on the anonymous
/// token route, and the server goes on serving. Its own host, to read that host's logs alone.
/// </summary>
public sealed class HostRefusalTests(LoggedHost api) : IClassFixture<LoggedHost>
{
    /// <summary>A guard against a hang only: every wait below ends long before unless the server stops answering.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private const string RequestsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private const int RequestFinished = 2;

    [Theory]
    [InlineData(2 * 1024 * 1024)]
    [InlineData(31 * 1024 * 1024)]
    public async Task a_body_over_the_limit_with_an_idempotency_key_is_413_in_the_error_shape_and_stores_nothing(int size)
    {
        var seller = await api.CreateSellerAsync();
        var mark = api.Logs.Count;
        using (var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", entityId: seller.Entity, configure: r =>
        {
            r.Headers.Add("Idempotency-Key", $"too-large-{size}");
            // The client sends the body only once the server asks for it (100 Continue): a refusal then arrives as a
            // response, rather than as a connection closed under a client still uploading megabytes.
            r.Headers.ExpectContinue = true;
            r.Content = new ByteArrayContent(InvoiceOfSize(seller, size)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }))
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{response.StatusCode} {text}");
            Assert.NotNull(JsonNode.Parse(text)!["error"]!["message"]);
        }

        Assert.Equal(0, await api.CountStoredAsync("receivable", seller.Entity));
        Assert.Equal(0, await api.CountStoredAsync(IdempotencyRecord.ResourceName, seller.Entity));
        AssertNoErrorEntrySince(mark);
    }

    [Fact]
    public async Task a_body_slower_than_the_minimum_data_rate_is_408_in_the_error_shape()
    {
        var seller = await api.CreateSellerAsync();
        var token = await api.TokenAsync();
        var mark = api.Logs.Count;
        using var guard = new CancellationTokenSource(HangGuard);
        using var connection = await RawHttp.OpenAsync(api.Http.BaseAddress!);
        await connection.SendHeadAsync("POST", api.Http.BaseAddress!, "/v1/receivables", 4096, token, seller.Entity);

        // One byte every half second (2 B/s, the minimum is 240 B/s) until the server answers and hangs up.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(guard.Token);
        var trickle = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await connection.SendAsync(" ");
                    await Task.Delay(TimeSpan.FromMilliseconds(500), stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // The server closed the connection after its answer, or the test is done.
            }
        });
        var (status, body) = await connection.ReadResponseUntilClosedAsync(guard.Token);
        await stop.CancelAsync();
        await trickle;

        Assert.True(status == (int)HttpStatusCode.RequestTimeout, $"{status} {body}");
        Assert.NotNull(JsonNode.Parse(body)!["error"]!["message"]);
        Assert.Equal(0, await api.CountStoredAsync("receivable", seller.Entity));
        AssertNoErrorEntrySince(mark);
    }

    [Theory]
    [InlineData("/v1/receivables", false)]
    [InlineData("/v1/receivables", true)]
    [InlineData("/v1/auth/token", false)]
    [InlineData("/v1/auth/token", true)]
    public async Task a_client_that_hangs_up_mid_body_leaves_no_error_entry_and_the_server_goes_on_serving(string path, bool reset)
    {
        var anonymous = path == "/v1/auth/token";
        var seller = anonymous ? null : await api.CreateSellerAsync();
        var token = anonymous ? null : await api.TokenAsync();
        var body = anonymous
            ? $"{{\"grant_type\":\"client_credentials\",\"client_id\":\"{ApiHost.ClientA}\",\"client_secret\":\"{ApiHost.SecretA}\"}}"
            : Bodies.Serialize(Bodies.Invoice(seller!));
        // The query string only marks this request in the host's log of requests; the routes ignore it.
        var probe = Guid.NewGuid().ToString("N");
        var target = $"{path}?probe={probe}";
        var mark = api.Logs.Count;
        var finished = api.Logs.WaitForAsync(mark, e => e.Category == RequestsCategory && e.EventId.Id == RequestFinished && e.Message.Contains(probe, StringComparison.Ordinal));

        using (var guard = new CancellationTokenSource(HangGuard))
        using (var connection = await RawHttp.OpenAsync(api.Http.BaseAddress!))
        {
            // The go-ahead comes when the endpoint starts reading the body: the hang-up then meets that read, rather
            // than a check before it (the entity's, say), whichever is quicker.
            await connection.SendHeadAsync("POST", api.Http.BaseAddress!, target, Encoding.UTF8.GetByteCount(body), token, seller?.Entity, expectContinue: true);
            Assert.Equal(100, await connection.ReadHeadStatusAsync(guard.Token));
            await connection.SendAsync(body[..(body.Length / 2)]);
            if (reset) connection.Reset();
        }
        await finished.WaitAsync(HangGuard);

        AssertNoErrorEntrySince(mark);
        if (anonymous)
        {
            // A fresh token, not the cached one: the token route itself still answers.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("x-monite-version", ApiHost.Version);
            using var again = await api.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        else
        {
            Assert.Equal(0, await api.CountStoredAsync("receivable", seller!.Entity));
            using var again = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(seller), seller.Entity);
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        }
    }

    /// <summary>A valid invoice body padded (in its memo) to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] InvoiceOfSize(Seller seller, int size)
    {
        const string memo = "\"memo\":\"Thank you for your business\"";
        var json = Bodies.Serialize(Bodies.Invoice(seller));
        Assert.Contains(memo, json, StringComparison.Ordinal);
        var padding = new string('x', size - Encoding.UTF8.GetByteCount(json) + "Thank you for your business".Length);
        var bytes = Encoding.UTF8.GetBytes(json.Replace(memo, $"\"memo\":\"{padding}\"", StringComparison.Ordinal));
        Assert.Equal(size, bytes.Length);
        return bytes;
    }

    private void AssertNoErrorEntrySince(int mark)
    {
        var errors = api.Logs.Since(mark).Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
