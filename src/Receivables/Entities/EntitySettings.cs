using System.Text.Json;
using Receivables.Api;
using Receivables.Rendering;

namespace Receivables.Entities;

public enum ReceivableEditFlow { Compliant, PartiallyCompliant, NonCompliant }

/// <summary>The entity settings that receivables use (spec 6.7), with the API's defaults.</summary>
public sealed class EntitySettings
{
    public ReceivableEditFlow ReceivableEditFlow { get; set; } = ReceivableEditFlow.Compliant;
    public VatMode VatMode { get; set; } = VatMode.Exclusive;
    public VatMode VatInclusiveDiscountMode { get; set; } = VatMode.Exclusive;
    public bool QuoteSignatureRequired { get; set; }
    public bool GeneratePaidInvoicePdf { get; set; }
    public string? Language { get; set; }
    public DocumentIdsSettings DocumentIds { get; set; } = new();

    /// <summary>The PDF defaults every document of the entity starts from (spec 4.5.6); null prints the spec's defaults.</summary>
    public DocumentRenderingSettings? DocumentRendering { get; set; }

    /// <summary><c>receivable</c>: the label the PDF gives deductions, among others; null until set.</summary>
    public ReceivableSettings? Receivable { get; set; }

    /// <summary><see cref="DocumentRendering"/> as the renderer reads it (<see cref="PdfOptions.EntityRendering"/>).</summary>
    public JsonElement? DocumentRenderingJson() =>
        DocumentRendering is null ? null : JsonSerializer.SerializeToElement(DocumentRendering, ApiJson.Storage);
}

/// <summary>The entity's <c>receivable</c> settings (spec 6.7).</summary>
public sealed class ReceivableSettings
{
    public bool CreateWithoutPersonalInfo { get; set; }

    /// <summary>What the PDF calls deductions (1..32 characters); null prints the default ("Incentives").</summary>
    public string? DeductionTitle { get; set; }
}

/// <summary>How document numbers are formatted when issued (spec 5.6).</summary>
public sealed class DocumentIdsSettings
{
    public DocumentTypePrefix DocumentTypePrefix { get; set; } = new();
    public bool IncludeDate { get; set; }
    public int MinDigits { get; set; } = 5;
    public string? Prefix { get; set; }
    public string Separator { get; set; } = "-";

    public static readonly string[] Separators = ["/", "-", "|", ".", ""];
}

public sealed class DocumentTypePrefix
{
    public string Invoice { get; set; } = "INV";
    public string Quote { get; set; } = "Q";
    public string CreditNote { get; set; } = "CN";
    public string DeliveryNote { get; set; } = "DN";
    public string PurchaseOrder { get; set; } = "PO";
}

/// <summary><c>GET/PATCH /entities/{entity_id}/settings</c> response.</summary>
public sealed record EntitySettingsResponse(
    ReceivableEditFlow ReceivableEditFlow,
    VatMode VatMode,
    VatMode VatInclusiveDiscountMode,
    bool QuoteSignatureRequired,
    bool GeneratePaidInvoicePdf,
    string? Language,
    DocumentIdsSettings DocumentIds,
    DocumentRenderingSettings? DocumentRendering,
    ReceivableSettings? Receivable)
{
    public static EntitySettingsResponse From(EntitySettings s) =>
        new(s.ReceivableEditFlow, s.VatMode, s.VatInclusiveDiscountMode, s.QuoteSignatureRequired, s.GeneratePaidInvoicePdf, s.Language, s.DocumentIds,
            s.DocumentRendering, s.Receivable);
}
