using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage;
using Azure.Storage.Blobs;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;

namespace Receivables.Tests.Pdfs;

/// <summary>Helpers for the PDF tests: pdf_link, plain downloads, and a direct look at the host's container in Azurite.</summary>
public static class PdfWorld
{
    /// <summary>GET pdf_link that must answer 200: (file_url, original_file_url).</summary>
    public static async Task<(string? FileUrl, string? OriginalFileUrl)> PdfLinkAsync(this DocumentWorld w, string id)
    {
        var (status, body, _) = await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}/pdf_link");
        Assert.True(status == HttpStatusCode.OK, $"pdf_link: {status} {body.ToJsonString()}");
        Assert.Equal(["file_url", "original_file_url"], body.Select(p => p.Key).Order());
        return (body["file_url"]?.GetValue<string>(), body["original_file_url"]?.GetValue<string>());
    }

    /// <summary>A download as a customer's browser or curl does it: a new client, no header of ours.</summary>
    public static async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> DownloadAsync(string url)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(url));
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The PDF behind a link, which must open: its bytes as text (the test renderer writes its line uncompressed).</summary>
    public static async Task<string> PdfTextAsync(string url)
    {
        var (status, type, body) = await DownloadAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"download {url}: {status} {Encoding.UTF8.GetString(body)}");
        Assert.Equal("application/pdf", type);
        var text = Encoding.ASCII.GetString(body);
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        return text;
    }

    /// <summary>The host's PDF container, read with the Azurite key (what the app itself would see).</summary>
    public static async Task<BlobContainerClient> ContainerAsync(ApiHost api)
    {
        var endpoint = await AzuriteEndpoint.BlobEndpointAsync();
        return new BlobServiceClient(endpoint, new StorageSharedKeyCredential(Receivables.Pdfs.PdfStorageConnection.AzuriteAccount, AzuriteEndpoint.Key))
            .GetBlobContainerClient(api.PdfContainer);
    }

    /// <summary>Every stored file of one document (name → ETag), previews excluded.</summary>
    public static async Task<Dictionary<string, string>> BlobsOfAsync(ApiHost api, Guid entity, string id)
    {
        var container = await ContainerAsync(api);
        var found = new Dictionary<string, string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{entity}/{id}/", default))
            found[blob.Name] = blob.Properties.ETag!.Value.ToString();
        return found;
    }

    /// <summary>An issued invoice whose PDF is pending: the renderer fails during the issue.</summary>
    public static async Task<JsonObject> PendingInvoiceAsync(this DocumentWorld w)
    {
        w.Api.Renderer.Failing = true;
        try
        {
            var issued = await w.IssuedInvoiceAsync();
            Assert.Null(issued["file_url"]?.GetValue<string>());
            return issued;
        }
        finally
        {
            w.Api.Renderer.Failing = false;
        }
    }

    public static string BlobPath(string url) => new Uri(url).AbsolutePath;
}
