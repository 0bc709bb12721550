namespace Receivables.Pdfs;

/// <summary>
/// Where the documents' PDFs live: a blob endpoint plus either an account key (Azurite, locally) or, when no key is
/// given, Microsoft Entra ID through the app's managed identity (Azure, where the account has no usable keys).
/// </summary>
/// <param name="LinkLifetime">How long a link handed out opens its PDF.</param>
public sealed record PdfStorageConnection(Uri BlobEndpoint, string? Key, string Container, TimeSpan LinkLifetime)
{
    public const string DefaultContainer = "receivable-pdfs";

    /// <summary>The account of Azurite's default configuration. Local only: its key is published by Microsoft.</summary>
    public const string AzuriteAccount = "devstoreaccount1";

    /// <summary>Azurite's well-known account key. Local only, refused when the app runs in Azure.</summary>
    public const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
}
