using Receivables.Domain;
using Receivables.Entities;

namespace Receivables.Documents;

/// <summary><c>POST /receivables/{id}/verify</c> (spec 3.9): what would block issuing; <c>errors</c> is null when nothing does.</summary>
public sealed record VerifyResponse(VerifyErrors? Errors, VerifyWarnings? Warnings);

public sealed record VerifyErrors(List<string>? Counterpart, List<string>? Entity, List<ProductErrors>? Products, List<string>? Receivable, List<string>? VatRates);

public sealed record ProductErrors(int LineItemNumber, List<string> MissingFields);

public sealed record VerifyWarnings(string? PaymentReminders);

/// <summary><c>GET /receivables/required_fields</c> (spec 3.12).</summary>
public sealed record RequiredFieldsResponse(CounterpartFields Counterpart, EntityFieldsRequired Entity, LineItemFields LineItem);

public sealed record FieldRequirement(string Description, bool Required);

public sealed record CounterpartFields(FieldRequirement TaxId, FieldRequirement VatId);

public sealed record EntityFieldsRequired(FieldRequirement TaxId, FieldRequirement VatId);

public sealed record LineItemFields(FieldRequirement MeasureUnit, FieldRequirement TaxRateValue, FieldRequirement VatRateId);

/// <summary>The checks behind verify, from the document's own snapshots and the entity's country rules.</summary>
public static class Verification
{
    public static VerifyResponse Verify(Receivable doc, Entity entity, DateOnly today)
    {
        var country = entity.Address.Country;
        var counterpart = new List<string>();
        var entityErrors = new List<string>();
        var products = new List<ProductErrors>();
        var receivable = new List<string>();
        var vatRates = new List<string>();

        if (doc.CounterpartBillingAddress is null) counterpart.Add("billing_address");
        if (doc.CounterpartName is null) counterpart.Add("name");
        var counterpartCountry = doc.CounterpartBillingAddress?.Country;
        if (CountryRules.CounterpartVatIdRequired(country, counterpartCountry, doc.CounterpartType == "organization")
            && doc.CounterpartVatId is null && doc.CounterpartTaxId is null)
            counterpart.Add("vat_id");

        if (CountryRules.EntityVatIdRequired(country) && doc.EntityVatId is null && doc.Entity.VatId is null) entityErrors.Add("vat_id");
        if (CountryRules.EntityTaxIdRequired(country) && doc.Entity.TaxId is null) entityErrors.Add("tax_id");
        if (doc is Invoice && doc.EntityBankAccount is null) entityErrors.Add("bank_account");

        if (doc.LineItems.Count == 0) receivable.Add("line_items");
        if (doc is Invoice { PaymentTerms: null }) receivable.Add("payment_terms");
        if (doc is Quote { ExpiryDate: { } expiry } && expiry < today) receivable.Add("expiry_date");

        var table = CountryRules.HasVatTable(country);
        for (var i = 0; i < doc.LineItems.Count; i++)
        {
            var line = doc.LineItems[i];
            var missing = new List<string>();
            if (CountryRules.MeasureUnitRequired(country) && line.Product.MeasureUnit is null) missing.Add("measure_unit");
            if (missing.Count > 0) products.Add(new ProductErrors(i + 1, missing));
            // In a country with a VAT table a line names a rate of it (or a custom rate), not a bare percentage.
            if (table && line.Product.VatRate is { Id: null, IsCustom: false })
                vatRates.Add($"line {i + 1}: vat_rate_id is required for an entity in {country} (tax_rate_value is for countries without a VAT table)");
            if (table && line.Product.VatRate is { Id: not null, IsCustom: false } rate && rate.Country != country)
                vatRates.Add($"line {i + 1}: VAT rate of {rate.Country} on a document of an entity in {country}");
        }

        var any = counterpart.Count + entityErrors.Count + products.Count + receivable.Count + vatRates.Count > 0;
        return new VerifyResponse(
            any ? new VerifyErrors(NullIfEmpty(counterpart), NullIfEmpty(entityErrors), products.Count == 0 ? null : products, NullIfEmpty(receivable), NullIfEmpty(vatRates)) : null,
            ReminderWarnings(doc));
    }

    /// <summary>A payment reminder counts days before the terms' dates (spec 6.10): without terms it has nothing to count from.</summary>
    private static VerifyWarnings? ReminderWarnings(Receivable doc) =>
        doc is Invoice { PaymentReminderId: { } id, PaymentTerms: null }
            ? new VerifyWarnings($"Payment reminder {id} cannot be sent: the invoice has no payment terms")
            : null;

    /// <summary>The errors of a verify as one sentence, for the 409 of an issue that they block.</summary>
    public static string Describe(VerifyErrors e)
    {
        var parts = new List<string>();
        void Add(string what, IEnumerable<string>? items)
        {
            if (items is not null && items.Any()) parts.Add($"{what} {string.Join(", ", items)}");
        }
        Add("counterpart is missing", e.Counterpart);
        Add("entity is missing", e.Entity);
        Add("document is missing", e.Receivable);
        Add("line items are missing", e.Products?.Select(p => $"line {p.LineItemNumber}: {string.Join("/", p.MissingFields)}"));
        Add("VAT rates:", e.VatRates);
        return string.Join("; ", parts);
    }

    private static List<string>? NullIfEmpty(List<string> list) => list.Count == 0 ? null : list;

    public static RequiredFieldsResponse Required(string entityCountry, string? counterpartCountry, bool? counterpartIsOrganization)
    {
        var table = CountryRules.HasVatTable(entityCountry);
        return new RequiredFieldsResponse(
            new CounterpartFields(
                new FieldRequirement("Tax identification number of the counterpart", false),
                new FieldRequirement("VAT number of a business counterpart in a VAT country",
                    CountryRules.CounterpartVatIdRequired(entityCountry, counterpartCountry, counterpartIsOrganization ?? true))),
            new EntityFieldsRequired(
                new FieldRequirement("Tax identification number of the entity (countries without VAT)", CountryRules.EntityTaxIdRequired(entityCountry)),
                new FieldRequirement("VAT number of the entity (entity_vat_id_id)", CountryRules.EntityVatIdRequired(entityCountry))),
            new LineItemFields(
                new FieldRequirement("Unit of measure on every line", CountryRules.MeasureUnitRequired(entityCountry)),
                new FieldRequirement("Explicit tax rate (countries without a VAT table)", !table),
                new FieldRequirement("VAT rate from GET /vat_rates", table)));
    }
}
