using System.Text.Json;
using Receivables.Documents;

namespace Receivables.Rendering;

/// <summary>A column of the line item table as <c>document_rendering.line_items.&lt;key&gt;</c> configures it.</summary>
internal sealed record ColumnSetting(bool Display, string? Label, int? Precision);

/// <summary>
/// <c>document_rendering</c> (spec 4.5.6) resolved for one document: each setting from the document's own object when
/// it sets it, else from the entity's, else the spec's default. Read field by field and tolerantly: a document's
/// object is stored as given (only its size is checked), so a value of the wrong type or out of range counts as
/// unset rather than failing the PDF.
/// </summary>
internal sealed class RenderingSettings(JsonElement? document, JsonElement? entity)
{
    /// <summary>The line item columns with a <c>precision</c> (spec: price columns, vat_rate and vat_amount).</summary>
    public static readonly string[] NumericColumns = ["price", "price_after_vat", "total_price", "total_price_after_vat", "vat_rate", "vat_amount"];

    public bool DisplayLineItems => Bool(["display_line_items"]) ?? true;

    /// <summary>The type's own flag (invoice/quote/credit_note) over the general one, level by level.</summary>
    public bool DisplayBankAccount(Receivable doc) =>
        Bool([TypeKey(doc), "display_entity_bank_account"]) ?? Bool(["display_entity_bank_account"]) ?? true;

    public bool DisplaySignature => Bool(["quote", "display_signature"]) ?? false;

    public ColumnSetting Column(string key) => new(
        Bool(["line_items", key, "display"]) ?? key != "vat_amount",
        Label(key),
        NumericColumns.Contains(key) ? Precision(key) : null);

    private static string TypeKey(Receivable doc) => doc switch
    {
        Quote => "quote",
        CreditNote => "credit_note",
        _ => "invoice",
    };

    private bool? Bool(string[] path) =>
        Find(document, path) is { ValueKind: JsonValueKind.True or JsonValueKind.False } d ? d.GetBoolean()
        : Find(entity, path) is { ValueKind: JsonValueKind.True or JsonValueKind.False } e ? e.GetBoolean()
        : null;

    private string? Label(string key)
    {
        foreach (var level in new[] { document, entity })
            if (Find(level, ["line_items", key, "label"]) is { ValueKind: JsonValueKind.String } label && label.GetString() is { Length: >= 1 and <= 32 } text)
                return text;
        return null;
    }

    private int? Precision(string key)
    {
        foreach (var level in new[] { document, entity })
            if (Find(level, ["line_items", key, "precision"]) is { ValueKind: JsonValueKind.Number } p && p.TryGetInt32(out var precision) && precision is >= 2 and <= 4)
                return precision;
        return null;
    }

    private static JsonElement? Find(JsonElement? root, string[] path)
    {
        if (root is not { ValueKind: JsonValueKind.Object } current) return null;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out var next)) return null;
            current = next;
        }
        return current;
    }
}
