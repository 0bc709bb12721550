using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Receivables.Hosting;
using Receivables.Pdfs;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Pdfs;

/// <summary>The PDF container through the real Azure SDK against Azurite: create-only writes and read-only links.</summary>
public sealed class PdfBlobsTests
{
    private static async Task<PdfBlobs> BlobsAsync(TimeProvider? clock = null, int lifetimeSeconds = 3600) =>
        new(new PdfStorageConnection(await AzuriteEndpoint.BlobEndpointAsync(), AzuriteEndpoint.Key, "blobs-" + Guid.NewGuid().ToString("N")[..12], TimeSpan.FromSeconds(lifetimeSeconds)),
            new ApiLimits(TimeSpan.FromSeconds(20)), clock ?? TimeProvider.System);

    [Fact]
    public async Task A_file_is_written_once_and_a_second_write_leaves_it_as_it_was()
    {
        using var blobs = await BlobsAsync();
        var name = PdfBlobs.Name(Guid.NewGuid(), Guid.NewGuid().ToString(), 1, "en");
        var first = TestPdfRenderer.Pdf("first");
        Assert.True(await blobs.WriteOnceAsync(name, first, "INV-00001", default));
        Assert.False(await blobs.WriteOnceAsync(name, TestPdfRenderer.Pdf("second"), "INV-00001", default));

        var link = (await blobs.SignerAsync(default)).Link(name);
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(link));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(first, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("INV-00001.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task Concurrent_writers_of_one_name_leave_exactly_one_winner()
    {
        using var blobs = await BlobsAsync();
        var name = PdfBlobs.Name(Guid.NewGuid(), Guid.NewGuid().ToString(), 1, "de");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => blobs.WriteOnceAsync(name, TestPdfRenderer.Pdf($"writer {i}"), null, default)));
        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task A_link_names_one_file_reads_only_and_ends_at_the_clock_plus_the_lifetime()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        using var blobs = await BlobsAsync(new FakeTimeProvider(now), lifetimeSeconds: 600);
        var name = PdfBlobs.Name(Guid.NewGuid(), Guid.NewGuid().ToString(), 2, "en");
        var signer = await blobs.SignerAsync(default);
        Assert.Equal(now.AddMinutes(10), signer.Expires);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(signer.Link(name)).Query);
        Assert.Equal("r", query["sp"]);
        Assert.Equal("b", query["sr"]);
        Assert.Equal("2030-01-02T03:14:05Z", query["se"]);
        Assert.EndsWith("/" + name, new Uri(signer.Link(name)).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_follow_entity_document_revision_and_language()
    {
        var entity = Guid.Parse("11111111-1111-4111-8111-111111111111");
        Assert.Equal($"{entity}/doc/r3/de.pdf", PdfBlobs.Name(entity, "doc", 3, "de"));
        Assert.StartsWith(PdfBlobs.PreviewPrefix, PdfBlobs.PreviewName(entity, "doc", "abc", "en"), StringComparison.Ordinal);
        Assert.Equal(Encoding.ASCII.GetBytes("%PDF-"), TestPdfRenderer.Pdf("x")[..5]);
    }
}
