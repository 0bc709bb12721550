namespace Receivables.Domain;

/// <summary>
/// What a country's rules require on a document, used by both <c>verify</c> and <c>required_fields</c> so the
/// two never disagree. The lists are this project's reading of the spec (see docs/decisions.md).
/// </summary>
public static class CountryRules
{
    /// <summary>Countries with a VAT table (EU-27, GB): lines take a <c>vat_rate_id</c>, entities a VAT id.</summary>
    public static bool HasVatTable(string country) => VatRateTable.All.Any(r => r.Country == country);

    /// <summary>Countries whose invoices (e-invoicing / SAF-T reporting) need a unit of measure on every line.</summary>
    private static readonly HashSet<string> MeasureUnitCountries = ["IT", "PL", "ES", "PT", "HU", "RO", "HR", "GR"];

    public static bool MeasureUnitRequired(string entityCountry) => MeasureUnitCountries.Contains(entityCountry);

    public static bool EntityVatIdRequired(string entityCountry) => HasVatTable(entityCountry);

    public static bool EntityTaxIdRequired(string entityCountry) => !HasVatTable(entityCountry);

    /// <summary>A business customer in a VAT country is identified by its VAT number (reverse charge, B2B invoices).</summary>
    public static bool CounterpartVatIdRequired(string entityCountry, string? counterpartCountry, bool counterpartIsOrganization) =>
        counterpartIsOrganization && HasVatTable(entityCountry) && counterpartCountry is not null && HasVatTable(counterpartCountry);
}
