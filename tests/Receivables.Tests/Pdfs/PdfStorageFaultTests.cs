using System.Net;
using System.Net.Sockets;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;

namespace Receivables.Tests.Pdfs;

/// <summary>A host whose links live two seconds.</summary>
public sealed class ShortLinkHost() : ApiHost(new Dictionary<string, string?> { ["Storage:PdfLinkLifetimeSeconds"] = "2" });

/// <summary>A host whose blob storage is down: its endpoint is a loopback port nothing listens on.</summary>
public sealed class StorageDownHost() : ApiHost(new Dictionary<string, string?>
{
    ["Storage:BlobEndpoint"] = $"http://127.0.0.1:{ClosedPort()}/devstoreaccount1",
    // Each blob call gives up fast (bounded retries); the request deadline bounds the rest.
    ["Api:RequestDeadlineSeconds"] = "10",
})
{
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class PdfLinkExpiryTests(ShortLinkHost api) : IClassFixture<ShortLinkHost>
{
    [Fact]
    public async Task A_link_stops_opening_after_its_lifetime()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var (file, _) = await w.PdfLinkAsync(id);
        Assert.Contains($"{id} lang=de rev=1", await PdfWorld.PdfTextAsync(file!), StringComparison.Ordinal);
        // The SAS carries its end (se) in whole seconds: past two seconds and one more for rounding, it is refused.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var (status, _, _) = await PdfWorld.DownloadAsync(file!);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        // A fresh link opens the same file again.
        var (again, _) = await w.PdfLinkAsync(id);
        Assert.Equal(PdfWorld.BlobPath(file!), PdfWorld.BlobPath(again!));
        Assert.Contains($"{id} lang=de rev=1", await PdfWorld.PdfTextAsync(again!), StringComparison.Ordinal);
    }
}

public sealed class PdfStorageDownTests(StorageDownHost api) : IClassFixture<StorageDownHost>
{
    [Fact]
    public async Task Issue_succeeds_and_pdf_link_is_503_with_retry_after()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var issued = await w.IssuedInvoiceAsync();
        Assert.Equal("issued", issued.Status());
        Assert.Null(issued.Text("file_url"));
        Assert.NotNull(issued.Text("document_id"));

        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{issued.Id()}/pdf_link", entityId: w.Entity);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { } wait && wait >= TimeSpan.FromSeconds(1), "Retry-After");
        var body = await Json.ReadAsync(response);
        Assert.Contains("temporarily unavailable", Json.Error(body), StringComparison.Ordinal);

        // Reads still answer: the document says its PDF is pending, no storage call needed.
        var read = await w.ReadAsync(issued.Id());
        Assert.Null(read.Text("file_url"));
        Assert.Equal("issued", read.Status());
    }

    [Fact]
    public async Task A_draft_preview_is_503_too()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = await w.CreateIdAsync(w.Invoice(w.CatalogLine(1)));
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}/pdf_link", entityId: w.Entity);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
