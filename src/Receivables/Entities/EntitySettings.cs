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

    /// <summary><c>currency</c>: null until set, answered as <see cref="CurrencySettings.Unset"/>.</summary>
    public CurrencySettings? Currency { get; set; }

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

/// <summary>
/// The entity's <c>currency</c> settings (<c>CurrencySettings</c>): the currency new documents start in (a client's
/// choice to offer: a request always names its currency) and exchange rates the entity keeps for reference.
/// </summary>
public sealed class CurrencySettings
{
    /// <summary>What an entity that never set its currency is answered: the OpenAPI has no default; EUR (decisions.md).</summary>
    public static CurrencySettings Unset => new() { Default = "EUR", ExchangeRates = [] };

    public required string Default { get; set; }
    public List<ExchangeRate> ExchangeRates { get; set; } = [];
}

/// <summary><c>ExchangeRate</c>: one <see cref="Base"/> is <see cref="Rate"/> of <see cref="To"/>.</summary>
public sealed record ExchangeRate(string Base, string To, decimal Rate);

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
    ReceivableSettings? Receivable,
    CurrencySettings Currency)
{
    public static EntitySettingsResponse From(EntitySettings s) =>
        new(s.ReceivableEditFlow, s.VatMode, s.VatInclusiveDiscountMode, s.QuoteSignatureRequired, s.GeneratePaidInvoicePdf, s.Language, s.DocumentIds,
            s.DocumentRendering, s.Receivable, s.Currency ?? CurrencySettings.Unset);
}
