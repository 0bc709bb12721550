using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Receivables.Hosting;

namespace Receivables.Pdfs;

/// <summary>
/// The PDF container: files are written once (create-only, so a retry or a race never rewrites one) and read only
/// through time-limited read-only links. Locally the links are signed with Azurite's account key; in Azure with a user
/// delegation key the app gets with its managed identity (the account allows no shared keys), cached and renewed well
/// before it expires.
/// </summary>
public sealed class PdfBlobs : IDisposable
{
    /// <summary>Asked for at a time; renewed once less than a link's lifetime plus an hour is left.</summary>
    public static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromDays(2);

    private readonly PdfStorageConnection connection;
    private readonly TimeProvider clock;
    private readonly BlobServiceClient service;
    private readonly BlobContainerClient container;
    private readonly StorageSharedKeyCredential? sharedKey;
    private readonly string accountName;
    private readonly SemaphoreSlim renewing = new(1, 1);
    private readonly Lock opening = new();
    private Task? created;
    private UserDelegationKey? delegationKey;

    public PdfBlobs(PdfStorageConnection connection, ApiLimits limits, TimeProvider clock)
    {
        this.connection = connection;
        this.clock = clock;
        var options = new BlobClientOptions();
        // Bounded like every store call: a few quick tries, each shorter than the request's deadline.
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = limits.RequestDeadline / 4;
        accountName = new BlobUriBuilder(connection.BlobEndpoint).AccountName;
        if (connection.Key is { } key)
        {
            sharedKey = new StorageSharedKeyCredential(accountName, key);
            service = new BlobServiceClient(connection.BlobEndpoint, sharedKey, options);
        }
        else
        {
            service = new BlobServiceClient(connection.BlobEndpoint, Credential, options);
        }
        container = service.GetBlobContainerClient(connection.Container);
    }

    private static TokenCredential Credential => new DefaultAzureCredential();

    public string ContainerName => container.Name;

    /// <summary>One file per document, revision and language: <c>{entity_id}/{receivable_id}/r{n}/{language}.pdf</c>.</summary>
    public static string Name(Guid entityId, string receivableId, int revision, string language) =>
        $"{entityId}/{receivableId}/r{revision}/{language}.pdf";

    /// <summary>A draft's preview, keyed by the draft's version; the container's lifecycle rule deletes previews after a day.</summary>
    public static string PreviewName(Guid entityId, string receivableId, string version, string language) =>
        $"{PreviewPrefix}{entityId}/{receivableId}/{version}/{language}.pdf";

    public const string PreviewPrefix = "previews/";

    /// <summary>
    /// Writes the file unless it exists (<c>If-None-Match: *</c>). True when this call wrote it; false when it was there
    /// already (a concurrent request or an earlier attempt wrote it: same name, same revision, so the same content).
    /// </summary>
    public async Task<bool> WriteOnceAsync(string name, byte[] pdf, string? fileName, CancellationToken ct)
    {
        await ContainerAsync().WaitAsync(ct);
        try
        {
            await container.GetBlobClient(name).UploadAsync(new BinaryData(pdf), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders
                {
                    ContentType = "application/pdf",
                    ContentDisposition = fileName is null ? "inline" : $"inline; filename=\"{SafeFileName(fileName)}.pdf\"",
                },
            }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409 || e.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            return false;
        }
    }

    /// <summary>
    /// Signs links for the caller's response. Locally pure computation; in Azure the cached delegation key, renewed (one
    /// call to storage) only when it is close to its end.
    /// </summary>
    public async ValueTask<LinkSigner> SignerAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expires = now + connection.LinkLifetime;
        if (sharedKey is not null) return new LinkSigner(this, expires, null);
        var key = delegationKey;
        if (key is null || key.SignedExpiresOn - now < connection.LinkLifetime + TimeSpan.FromHours(1))
        {
            await renewing.WaitAsync(ct);
            try
            {
                key = delegationKey;
                if (key is null || key.SignedExpiresOn - now < connection.LinkLifetime + TimeSpan.FromHours(1))
                {
                    // Starts a little in the past: the storage service's clock may be behind ours.
                    key = (await service.GetUserDelegationKeyAsync(now.AddMinutes(-5), now + DelegationKeyLifetime, ct)).Value;
                    delegationKey = key;
                }
            }
            finally
            {
                renewing.Release();
            }
        }
        return new LinkSigner(this, expires < key.SignedExpiresOn ? expires : key.SignedExpiresOn, key);
    }

    /// <summary>A read-only link to one file, valid until <paramref name="expires"/>, that needs no header to open.</summary>
    internal Uri Link(string name, DateTimeOffset expires, UserDelegationKey? key)
    {
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expires)
        {
            BlobContainerName = container.Name,
            BlobName = name,
            Resource = "b",
            // Azurite speaks plain HTTP on loopback; real accounts only HTTPS.
            Protocol = sharedKey is null ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        var query = sharedKey is not null ? sas.ToSasQueryParameters(sharedKey) : sas.ToSasQueryParameters(key!, accountName);
        return new BlobUriBuilder(container.GetBlobClient(name).Uri) { Sas = query }.ToUri();
    }

    /// <summary>
    /// The container, made on first use where we hold the account key (Azurite); in Azure the Bicep makes it. An attempt
    /// that failed (Azurite not up yet) is not kept: the next call tries again.
    /// </summary>
    private Task ContainerAsync()
    {
        if (sharedKey is null) return Task.CompletedTask;
        lock (opening)
        {
            if (created is null || created.IsFaulted || created.IsCanceled) created = container.CreateIfNotExistsAsync(PublicAccessType.None);
            return created;
        }
    }

    public void Dispose() => renewing.Dispose();

    private static string SafeFileName(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}

/// <summary>Signs the links of one response, all with the same expiry.</summary>
public sealed class LinkSigner
{
    private readonly PdfBlobs blobs;
    private readonly UserDelegationKey? key;

    internal LinkSigner(PdfBlobs blobs, DateTimeOffset expires, UserDelegationKey? key)
    {
        this.blobs = blobs;
        Expires = expires;
        this.key = key;
    }

    public DateTimeOffset Expires { get; }

    public string Link(string blobName) => blobs.Link(blobName, Expires, key).AbsoluteUri;
}
