using Microsoft.Extensions.Configuration;
using Receivables.Auth;
using Receivables.Pdfs;
using Receivables.Store;

namespace Receivables.Hosting;

/// <summary>
/// Every setting the product reads, in one place (keys use ':' here and '__' in app settings and
/// local.settings.json). A test checks this list against local.settings.sample.json and the Bicep.
/// </summary>
public static class ReceivablesSettings
{
    public const string CosmosEndpoint = "Cosmos:Endpoint";
    public const string CosmosKey = "Cosmos:Key";
    public const string CosmosDatabase = "Cosmos:Database";
    public const string AuthSection = "Auth";

    /// <summary>The blob endpoint of the storage account that holds the documents' PDFs (Azurite locally).</summary>
    public const string StorageBlobEndpoint = "Storage:BlobEndpoint";
    public const string StorageKey = "Storage:Key";
    public const string StoragePdfContainer = "Storage:PdfContainer";

    /// <summary>
    /// How long a <c>file_url</c> from <c>pdf_link</c> or a document response opens its PDF. An hour: long enough to
    /// open or forward it from a UI that just fetched it, short enough that a leaked link soon stops working.
    /// </summary>
    public const string PdfLinkLifetime = "Storage:PdfLinkLifetimeSeconds";
    public const int DefaultPdfLinkLifetimeSeconds = 3600;

    /// <summary>
    /// When the due-date sweep runs: an NCRONTAB expression with seconds, in UTC, read by the Functions timer
    /// (<c>%Sweep:Schedule%</c>) and by the Kestrel host. Hourly by default, so an invoice is overdue within the first
    /// hour of the day after its due date even if one run fails.
    /// </summary>
    public const string SweepSchedule = "Sweep:Schedule";
    public static readonly string DefaultSweepSchedule = "0 5 * * * *";

    /// <summary>
    /// The most time one API request may take, store calls and retries included: past it the request is answered
    /// 503 with <c>Retry-After</c> instead of hanging (the SDK alone would try a frozen store for minutes). Well below
    /// the Functions <c>functionTimeout</c> and the 230 s HTTP limit of the Azure front end.
    /// </summary>
    public const string RequestDeadline = "Api:RequestDeadlineSeconds";
    public const int DefaultRequestDeadlineSeconds = 20;

    /// <summary>
    /// The public address (scheme and host) the hosted payment pages are served at: <c>payment_page_url</c> is it plus
    /// <c>/v1/payment_pages/{id}</c>. Required in Azure (the Bicep sets the app's own https address); left empty locally,
    /// the address the API was called at is used, so a link made through http://127.0.0.1:7071 opens there.
    /// </summary>
    public const string PaymentPagesBaseUrl = "PaymentPages:BaseUrl";

    /// <summary>
    /// The browser origins (a page's scheme, host and port, e.g. <c>http://127.0.0.1:5173</c>) whose scripts may call the
    /// API, such as Monite's drop-in UI: comma-separated, exact, no <c>*</c>. Empty (the default): no CORS headers at all.
    /// The Kestrel host applies it itself; in Azure the Bicep gives the same value to the platform's CORS.
    /// </summary>
    public const string CorsAllowedOrigins = "Cors:AllowedOrigins";

    /// <summary>
    /// A setting the product reads: where it must be set, and its default when it may be left out. A Secret setting's
    /// value is never written in app settings: in Azure it is a Key Vault reference.
    /// </summary>
    public sealed record Setting(string Key, string Purpose, bool LocalOnly = false, string? Default = null, bool Secret = false);

    /// <summary>
    /// Every setting the product reads. <c>Auth:Clients</c> is a list; index 0 stands for every entry.
    /// LocalOnly settings must never be set in Azure.
    /// </summary>
    public static readonly IReadOnlyList<Setting> All =
    [
        new(CosmosEndpoint, "Cosmos DB account endpoint"),
        new(CosmosKey, "account key of the emulator or test server; absent means Entra ID", LocalOnly: true, Secret: true),
        new(CosmosDatabase, "database name", Default: CosmosConnection.DefaultDatabaseName),
        new(StorageBlobEndpoint, "blob endpoint of the storage account holding the PDFs (https://<account>.blob.core.windows.net/; Azurite: http://127.0.0.1:10000/devstoreaccount1)"),
        new(StorageKey, "account key of Azurite; absent means Entra ID (managed identity, user-delegation SAS)", LocalOnly: true, Secret: true),
        new(StoragePdfContainer, "private blob container of the PDFs", Default: PdfStorageConnection.DefaultContainer),
        new(PdfLinkLifetime, "seconds a PDF link (file_url, original_file_url, current_pdf_url) opens its file (1..86400)", Default: "3600"),
        new(RequestDeadline, "most seconds one API request may take before it is answered 503 (1..200)", Default: "20"),
        new(PaymentPagesBaseUrl, "public https base URL of the hosted payment pages (payment_page_url); empty locally: the address the API was called at"),
        new(CorsAllowedOrigins, "browser origins allowed to call the API (CORS), comma-separated exact origins such as https://app.example.com; empty: none"),
        new(SweepSchedule, "schedule of the due-date sweep (overdue invoices, expired quotes), NCRONTAB with seconds, UTC", Default: DefaultSweepSchedule),
        new($"{AuthSection}:{nameof(AuthOptions.SigningKey)}", "HMAC key that signs access tokens (Key Vault in Azure)", Secret: true),
        new($"{AuthSection}:{nameof(AuthOptions.TokenLifetimeSeconds)}", "access token lifetime", Default: "3600"),
        new($"{AuthSection}:{nameof(AuthOptions.RevocationRefreshSeconds)}", "most seconds before every instance honours a revoked token (1..3600); one query per interval", Default: "10"),
        new($"{AuthSection}:{nameof(AuthOptions.FailedAttemptLimit)}", "wrong client secrets one address may send per window before 429 (a client id: 10 times as many); per instance", Default: "10"),
        new($"{AuthSection}:{nameof(AuthOptions.FailedAttemptWindowSeconds)}", "the window of Auth:FailedAttemptLimit, refilled evenly (1..86400)", Default: "60"),
        new($"{AuthSection}:{nameof(AuthOptions.Clients)}:0:{nameof(PartnerClient.ClientId)}", "partner API client id"),
        new($"{AuthSection}:{nameof(AuthOptions.Clients)}:0:{nameof(PartnerClient.PartnerId)}", "partner the client belongs to"),
        new($"{AuthSection}:{nameof(AuthOptions.Clients)}:0:{nameof(PartnerClient.SecretHash)}", "sha256 of the client secret (Key Vault in Azure)", Secret: true),
    ];

    /// <summary>Settings read by the Functions host, the Azure SDK or Application Insights, not by product code.</summary>
    public static readonly IReadOnlyList<string> Platform =
    [
        "FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage", "AzureWebJobsStorage:credential", "AzureWebJobsStorage:clientId",
        "AzureWebJobsStorage:blobServiceUri", "AzureWebJobsStorage:queueServiceUri", "AzureWebJobsStorage:tableServiceUri",
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "AZURE_CLIENT_ID",
    ];

    /// <summary>Set by the App Service platform itself, never by a user: tells the app it runs in Azure.</summary>
    public const string AzureInstanceVariable = "WEBSITE_INSTANCE_ID";

    /// <summary>
    /// The plan's SKU (Dynamic, ElasticPremium, FlexConsumption ...), set by the platform. Flex Consumption does not set
    /// <see cref="AzureInstanceVariable"/>, so both are checked.
    /// </summary>
    public const string AzureSkuVariable = "WEBSITE_SKU";

    /// <summary>Set by the Azure Functions and App Service platforms; absent on a developer machine.</summary>
    public static bool RunningInAzure =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AzureInstanceVariable))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AzureSkuVariable));

    public static CosmosConnection ReadCosmos(IConfiguration configuration, bool runningInAzure)
    {
        var endpoint = configuration[CosmosEndpoint];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new InvalidOperationException("Setting Cosmos__Endpoint must be the Cosmos DB account endpoint (https://...:443/).");
        var key = configuration[CosmosKey];
        if (runningInAzure && !string.IsNullOrEmpty(key))
            throw new InvalidOperationException("Cosmos__Key is for local development only; in Azure the app reaches Cosmos DB with its managed identity.");
        var database = configuration[CosmosDatabase];
        return new CosmosConnection(uri, string.IsNullOrEmpty(key) ? null : key, string.IsNullOrEmpty(database) ? CosmosConnection.DefaultDatabaseName : database);
    }

    public static PdfStorageConnection ReadPdfStorage(IConfiguration configuration, bool runningInAzure)
    {
        var endpoint = configuration[StorageBlobEndpoint];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new InvalidOperationException("Setting Storage__BlobEndpoint must be the blob endpoint of the PDFs' storage account (https://<account>.blob.core.windows.net/).");
        var key = configuration[StorageKey];
        // The Azurite key is public knowledge, and an account key of a real account must not sit in app settings: in Azure
        // the app signs links with a user delegation key it gets with its managed identity.
        if (runningInAzure && !string.IsNullOrEmpty(key))
            throw new InvalidOperationException("Storage__Key is for local development only (Azurite); in Azure the app reaches blob storage with its managed identity.");
        if (runningInAzure && uri.Scheme != "https")
            throw new InvalidOperationException("Storage__BlobEndpoint must be https in Azure.");
        var container = configuration[StoragePdfContainer];
        var raw = configuration[PdfLinkLifetime];
        var seconds = DefaultPdfLinkLifetimeSeconds;
        if (!string.IsNullOrEmpty(raw) && (!int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seconds) || seconds is < 1 or > 86400))
            throw new InvalidOperationException("Setting Storage__PdfLinkLifetimeSeconds must be a whole number of seconds from 1 to 86400.");
        return new PdfStorageConnection(uri, string.IsNullOrEmpty(key) ? null : key,
            string.IsNullOrEmpty(container) ? PdfStorageConnection.DefaultContainer : container, TimeSpan.FromSeconds(seconds));
    }

    public static ApiLimits ReadLimits(IConfiguration configuration)
    {
        var raw = configuration[RequestDeadline];
        if (string.IsNullOrEmpty(raw)) return new ApiLimits(TimeSpan.FromSeconds(DefaultRequestDeadlineSeconds));
        if (!int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 200)
            throw new InvalidOperationException("Setting Api__RequestDeadlineSeconds must be a whole number of seconds from 1 to 200.");
        return new ApiLimits(TimeSpan.FromSeconds(seconds));
    }

    public static PaymentPageOptions ReadPaymentPages(IConfiguration configuration, bool runningInAzure)
    {
        var raw = configuration[PaymentPagesBaseUrl];
        if (string.IsNullOrWhiteSpace(raw))
        {
            if (runningInAzure) throw new InvalidOperationException("Setting PaymentPages__BaseUrl must be the app's public https address (https://<host>) in Azure.");
            return new PaymentPageOptions(null);
        }
        if (!Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && (runningInAzure || uri.Scheme != Uri.UriSchemeHttp))
            || uri.PathAndQuery is not ("/" or "") || uri.Fragment.Length > 0)
            throw new InvalidOperationException("Setting PaymentPages__BaseUrl must be an absolute https://<host>[:port] address without a path (http is allowed locally).");
        return new PaymentPageOptions(uri);
    }

    public static Api.CrossOrigin ReadCors(IConfiguration configuration)
    {
        var origins = new List<string>();
        foreach (var entry in (configuration[CorsAllowedOrigins] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // A browser sends its origin serialized: scheme://host[:port], lower case, no default port, no slash. An entry
            // written any other way would never match and fail silently in the browser, so it fails here, at start.
            if (entry == "*")
                throw new InvalidOperationException("Setting Cors__AllowedOrigins takes exact origins (https://app.example.com), not *: list every origin whose pages may call the API.");
            if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.UserInfo.Length > 0
                || !string.Equals(uri.GetLeftPart(UriPartial.Authority), entry, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Setting Cors__AllowedOrigins: '{entry}' is not an origin; write each as a browser sends it, scheme://host[:port] without a path or trailing slash (http://127.0.0.1:5173).");
            var origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
            if (!origins.Contains(origin)) origins.Add(origin);
        }
        return new Api.CrossOrigin(origins);
    }

    public static AuthOptions ReadAuth(IConfiguration configuration, bool runningInAzure)
    {
        var options = new AuthOptions();
        configuration.GetSection(AuthSection).Bind(options);
        options.Validate(runningInAzure);
        return options;
    }
}

/// <summary>Where payment pages are served (see <see cref="ReceivablesSettings.PaymentPagesBaseUrl"/>); null: the address the API was called at.</summary>
public sealed record PaymentPageOptions(Uri? BaseUrl);

/// <summary>Limits every request is held to (see <see cref="ReceivablesSettings.RequestDeadline"/>).</summary>
public sealed record ApiLimits(TimeSpan RequestDeadline);
