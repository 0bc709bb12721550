using System.Text.Json;
using Receivables.Documents;

namespace Receivables.Rendering;

/// <summary>
/// Renders one language version of a receivable as a PDF (spec 3.10 step 5, 4.5.6). Pure: it reads only the document
/// and the options, touches no store, and the same input gives the same text. Storage, links and when to render
/// belong to the caller.
/// </summary>
public interface IReceivablePdfRenderer
{
    byte[] Render(Receivable document, PdfOptions options);
}

/// <summary>What a rendering needs besides the document itself.</summary>
public sealed record PdfOptions
{
    /// <summary>ISO 639-1 code of the text's language (<c>file_language</c> or <c>original_file_language</c>).</summary>
    public required string Language { get; init; }

    /// <summary>The entity's <c>document_rendering</c> settings: defaults the document's own settings override.</summary>
    public JsonElement? EntityRendering { get; init; }

    /// <summary>The entity's label for deductions (<c>receivable.deduction_title</c>); null prints the default.</summary>
    public string? DeductionTitle { get; init; }

    /// <summary>A draft's preview: marked as such on every page, never sent as the document.</summary>
    public bool Preview { get; init; }

    /// <summary>What the QR code on the document encodes (an EPC transfer payload or the payment page's URL); null prints none.</summary>
    public string? QrPayload { get; init; }
}
