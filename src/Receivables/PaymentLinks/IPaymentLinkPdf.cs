using Receivables.Documents;

namespace Receivables.PaymentLinks;

/// <summary>
/// What payment links need of the invoice's PDF, which rendering and storage provide: a link changes the PDF (its QR
/// code then points to the payment page, <see cref="PdfRevisions.Revise"/> in the link's own batch), and the page
/// offers the PDF for download. Registered as <see cref="PaymentLinkPdfNotWiredYet"/> until the storage branch wires it.
/// </summary>
public interface IPaymentLinkPdf
{
    /// <summary>
    /// Render the invoice's current PDF revision; called after the batch that revised it has committed. Must not throw
    /// for a render failure (the link exists either way): a failed render is retried the way issue's rendering is.
    /// </summary>
    Task RenderCurrentRevisionAsync(Invoice invoice, CancellationToken ct);

    /// <summary>A time-limited URL that downloads the invoice's current PDF with a plain GET, or null while none is stored.</summary>
    Task<Uri?> DownloadUrlAsync(Invoice invoice, CancellationToken ct);
}

/// <summary>
/// MERGE: REPLACE ME. The do-nothing stand-in for <see cref="IPaymentLinkPdf"/>: renders nothing and offers no download
/// (the page then hides its PDF link). The storage branch registers the real one in ServiceCollectionExtensions.
/// </summary>
public sealed class PaymentLinkPdfNotWiredYet : IPaymentLinkPdf
{
    public Task RenderCurrentRevisionAsync(Invoice invoice, CancellationToken ct) => Task.CompletedTask;

    public Task<Uri?> DownloadUrlAsync(Invoice invoice, CancellationToken ct) => Task.FromResult<Uri?>(null);
}
