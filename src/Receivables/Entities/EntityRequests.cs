using System.Text.Json.Serialization;
using Receivables.Api;
using Receivables.Domain;

namespace Receivables.Entities;

/// <summary><c>POST /entities</c> body (strict).</summary>
public sealed class CreateEntityRequest : IValidatable
{
    public EntityType? Type { get; init; }
    public EntityAddressRequest? Address { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Website { get; init; }
    public string? TaxId { get; init; }
    public string? RegistrationAuthority { get; init; }
    public string? RegistrationNumber { get; init; }
    public OrganizationRequest? Organization { get; init; }
    public IndividualRequest? Individual { get; init; }

    public void Validate(Validation v)
    {
        v.Required(Type, "type");
        if (v.Required(Address, "address")) v.Nested(Address, "address");
        if (v.Required(Email, "email")) EntityFields.Email(v, Email, "email");
        EntityFields.Common(v, Phone, Website, TaxId, RegistrationAuthority, RegistrationNumber);
        if (Type == EntityType.Organization)
        {
            if (v.Required(Organization, "organization")) v.Nested(Organization, "organization");
            if (Individual is not null) v.Add("individual", "must be null for an organization", "value_error");
        }
        else if (Type == EntityType.Individual)
        {
            if (v.Required(Individual, "individual")) v.Nested(Individual, "individual");
            if (Organization is not null) v.Add("organization", "must be null for an individual", "value_error");
        }
    }
}

/// <summary><c>PATCH /entities/{entity_id}</c> body (strict): only the fields sent change.</summary>
public sealed class UpdateEntityRequest : IValidatable
{
    public UpdateEntityAddressRequest? Address { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Website { get; init; }
    public string? TaxId { get; init; }
    public string? RegistrationAuthority { get; init; }
    public string? RegistrationNumber { get; init; }
    public OptionalOrganizationRequest? Organization { get; init; }
    public OptionalIndividualRequest? Individual { get; init; }

    public void Validate(Validation v)
    {
        v.Nested(Address, "address");
        if (Email is not null) EntityFields.Email(v, Email, "email");
        EntityFields.Common(v, Phone, Website, TaxId, RegistrationAuthority, RegistrationNumber);
        v.Nested(Organization, "organization");
        v.Nested(Individual, "individual");
    }
}

public sealed class EntityAddressRequest : IValidatable
{
    public string? Country { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? State { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Country, "country") && !Codes.Countries.Contains(Country!))
            v.Add("country", "value is not a valid enumeration member (ISO 3166-1 alpha-2)", "type_error.enum");
        if (v.Required(City, "city")) v.Length(City, "city", 1, 100);
        if (v.Required(PostalCode, "postal_code")) v.Length(PostalCode, "postal_code", 1, 10);
        if (v.Required(Line1, "line1")) v.Length(Line1, "line1", 1, 200);
        v.Length(Line2, "line2", 0, 100);
        v.Length(State, "state", 0, 100);
    }

    public EntityAddress ToAddress() => new() { Country = Country!, City = City!, PostalCode = PostalCode!, Line1 = Line1!, Line2 = Line2, State = State };
}

public sealed class UpdateEntityAddressRequest : IValidatable
{
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? State { get; init; }

    public void Validate(Validation v)
    {
        v.Length(City, "city", 1, 100);
        v.Length(PostalCode, "postal_code", 1, 10);
        v.Length(Line1, "line1", 1, 200);
        v.Length(Line2, "line2", 0, 100);
        v.Length(State, "state", 0, 100);
    }
}

public sealed class OrganizationRequest : IValidatable
{
    public string? LegalName { get; init; }
    public string? BusinessStructure { get; init; }
    public string? LegalEntityId { get; init; }
    public bool? DirectorsProvided { get; init; }
    public bool? ExecutivesProvided { get; init; }
    public bool? OwnersProvided { get; init; }
    public bool? RepresentativeProvided { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(LegalName, "legal_name")) v.Length(LegalName, "legal_name", 1, 255);
        v.Length(LegalEntityId, "legal_entity_id", 1, 255);
        EntityFields.BusinessStructure(v, BusinessStructure);
    }

    public EntityOrganization ToOrganization() => new()
    {
        LegalName = LegalName!, BusinessStructure = BusinessStructure, LegalEntityId = LegalEntityId,
        DirectorsProvided = DirectorsProvided, ExecutivesProvided = ExecutivesProvided,
        OwnersProvided = OwnersProvided, RepresentativeProvided = RepresentativeProvided,
    };
}

public sealed class OptionalOrganizationRequest : IValidatable
{
    public string? LegalName { get; init; }
    public string? BusinessStructure { get; init; }
    public string? LegalEntityId { get; init; }
    public bool? DirectorsProvided { get; init; }
    public bool? ExecutivesProvided { get; init; }
    public bool? OwnersProvided { get; init; }
    public bool? RepresentativeProvided { get; init; }

    public void Validate(Validation v)
    {
        v.Length(LegalName, "legal_name", 1, 255);
        v.Length(LegalEntityId, "legal_entity_id", 1, 255);
        EntityFields.BusinessStructure(v, BusinessStructure);
    }
}

public sealed class IndividualRequest : IValidatable
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Title { get; init; }
    public string? DateOfBirth { get; init; }
    public string? IdNumber { get; init; }

    [JsonPropertyName("ssn_last_4")]
    public string? SsnLast4 { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(FirstName, "first_name")) v.Length(FirstName, "first_name", 1, 100);
        if (v.Required(LastName, "last_name")) v.Length(LastName, "last_name", 1, 100);
        v.Length(Title, "title", 0, 100);
        EntityFields.PersonalIds(v, DateOfBirth, IdNumber, SsnLast4);
    }

    public EntityIndividual ToIndividual() => new()
    {
        FirstName = FirstName!, LastName = LastName!, Title = Title, DateOfBirth = DateOfBirth, IdNumber = IdNumber, SsnLast4 = SsnLast4,
    };
}

public sealed class OptionalIndividualRequest : IValidatable
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Title { get; init; }
    public string? DateOfBirth { get; init; }
    public string? IdNumber { get; init; }

    [JsonPropertyName("ssn_last_4")]
    public string? SsnLast4 { get; init; }

    public void Validate(Validation v)
    {
        v.Length(FirstName, "first_name", 1, 100);
        v.Length(LastName, "last_name", 1, 100);
        v.Length(Title, "title", 0, 100);
        EntityFields.PersonalIds(v, DateOfBirth, IdNumber, SsnLast4);
    }
}

/// <summary><c>PATCH /entities/{entity_id}/settings</c> body (strict): the receivable-related settings.</summary>
public sealed class PatchEntitySettingsRequest : IValidatable
{
    public ReceivableEditFlow? ReceivableEditFlow { get; init; }
    public VatMode? VatMode { get; init; }
    public VatMode? VatInclusiveDiscountMode { get; init; }
    public bool? QuoteSignatureRequired { get; init; }
    public bool? GeneratePaidInvoicePdf { get; init; }
    public string? Language { get; init; }
    public DocumentIdsSettingsRequest? DocumentIds { get; init; }

    /// <summary>Replaces the entity's whole <c>document_rendering</c> object: what it leaves out prints the defaults.</summary>
    public Rendering.DocumentRenderingSettings? DocumentRendering { get; init; }

    /// <summary>Replaces the entity's whole <c>receivable</c> object.</summary>
    public ReceivableSettingsRequest? Receivable { get; init; }

    /// <summary>Replaces the entity's whole <c>currency</c> object (<c>default</c> is required in it, as in the OpenAPI).</summary>
    public CurrencySettingsRequest? Currency { get; init; }

    public void Validate(Validation v)
    {
        v.Nested(Currency, "currency");
        if (Language is not null && !Codes.Languages.Contains(Language))
            v.Add("language", "value is not a valid enumeration member (ISO 639-1)", "type_error.enum");
        v.Nested(DocumentIds, "document_ids");
        v.Nested(DocumentRendering, "document_rendering");
        v.Nested(Receivable, "receivable");
    }
}

/// <summary><c>currency</c> in the settings (<c>CurrencySettings</c>, strict): codes of the API's ISO 4217 table.</summary>
public sealed class CurrencySettingsRequest : IValidatable
{
    /// <summary>No bound in the OpenAPI; one rate per pair of the table's currencies is far fewer in practice.</summary>
    public const int MaxExchangeRates = 100;

    public string? Default { get; init; }
    public List<ExchangeRateRequest>? ExchangeRates { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Default, "default")) Documents.ReceivableFields.Currency(v, Default, "default");
        v.Each(ExchangeRates, "exchange_rates", MaxExchangeRates);
    }

    public CurrencySettings ToSettings() => new()
    {
        Default = Default!,
        ExchangeRates = ExchangeRates?.Select(r => new ExchangeRate(r.Base!, r.To!, r.Rate!.Value)).ToList() ?? [],
    };
}

/// <summary><c>ExchangeRate</c> (strict): two different currencies and a rate above zero.</summary>
public sealed class ExchangeRateRequest : IValidatable
{
    public string? Base { get; init; }
    public string? To { get; init; }
    public decimal? Rate { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Base, "base")) Documents.ReceivableFields.Currency(v, Base, "base");
        if (v.Required(To, "to")) Documents.ReceivableFields.Currency(v, To, "to");
        if (Base is not null && Base == To) v.Add("to", "an exchange rate converts between two different currencies", "value_error");
        if (v.Required(Rate, "rate") && Rate <= 0) v.Add("rate", "ensure this value is greater than 0", "value_error.number.not_gt");
        else v.Range(Rate, "rate", 0m, 1_000_000_000m);
    }
}

/// <summary><c>receivable</c> in the settings (ReceivableSettings): <c>create_without_personal_info</c> is required.</summary>
public sealed class ReceivableSettingsRequest : IValidatable
{
    public bool? CreateWithoutPersonalInfo { get; init; }
    public string? DeductionTitle { get; init; }

    public void Validate(Validation v)
    {
        v.Required(CreateWithoutPersonalInfo, "create_without_personal_info");
        v.Length(DeductionTitle, "deduction_title", 1, 32);
    }
}

public sealed class DocumentIdsSettingsRequest : IValidatable
{
    public DocumentTypePrefixRequest? DocumentTypePrefix { get; init; }
    public bool? IncludeDate { get; init; }
    public int? MinDigits { get; init; }
    public string? Prefix { get; init; }
    public string? Separator { get; init; }

    /// <summary>Write-only: the next number per document type; never at or below a number already issued.</summary>
    public NextNumberRequest? NextNumber { get; init; }

    public void Validate(Validation v)
    {
        v.Nested(NextNumber, "next_number");
        v.Range(MinDigits, "min_digits", 1, 25);
        v.Length(Prefix, "prefix", 0, 100);
        if (Separator is not null && !DocumentIdsSettings.Separators.Contains(Separator))
            v.Add("separator", "value is not a valid enumeration member; permitted: '/', '-', '|', '.', ''", "type_error.enum");
        v.Nested(DocumentTypePrefix, "document_type_prefix");
    }
}

public sealed class DocumentTypePrefixRequest : IValidatable
{
    public string? Invoice { get; init; }
    public string? Quote { get; init; }
    public string? CreditNote { get; init; }
    public string? DeliveryNote { get; init; }
    public string? PurchaseOrder { get; init; }

    public void Validate(Validation v)
    {
        v.Length(Invoice, "invoice", 1, 25);
        v.Length(Quote, "quote", 1, 25);
        v.Length(CreditNote, "credit_note", 1, 25);
        v.Length(DeliveryNote, "delivery_note", 1, 25);
        v.Length(PurchaseOrder, "purchase_order", 1, 25);
    }
}

internal static class EntityFields
{
    private static readonly string[] BusinessStructures =
    [
        "incorporated_partnership", "unincorporated_partnership", "public_corporation", "private_corporation",
        "sole_proprietorship", "single_member_llc", "multi_member_llc", "private_partnership",
        "unincorporated_association", "public_partnership",
    ];

    public static void Email(Validation v, string? email, string field)
    {
        if (email is null) return;
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1 || email.Length > 254 || email.Any(char.IsWhiteSpace))
            v.Add(field, "value is not a valid email address", "value_error.email");
    }

    public static void Common(Validation v, string? phone, string? website, string? taxId, string? registrationAuthority, string? registrationNumber)
    {
        v.Length(phone, "phone", 1, 100);
        v.Length(taxId, "tax_id", 1, 100);
        v.Length(registrationAuthority, "registration_authority", 1, 255);
        v.Length(registrationNumber, "registration_number", 1, 255);
        v.Length(website, "website", 1, 2083);
        if (website is not null && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            v.Add("website", "invalid or missing URL scheme", "value_error.url.scheme");
    }

    public static void PersonalIds(Validation v, string? dateOfBirth, string? idNumber, string? ssnLast4)
    {
        if (dateOfBirth is not null && !DateOnly.TryParseExact(dateOfBirth, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            v.Add("date_of_birth", "invalid date format, expected YYYY-MM-DD", "value_error.date");
        v.Length(idNumber, "id_number", 1, 100);
        if (ssnLast4 is not null && (ssnLast4.Length != 4 || !ssnLast4.All(char.IsAsciiDigit)))
            v.Add("ssn_last_4", "must be the last 4 digits of the SSN", "value_error");
    }

    public static void BusinessStructure(Validation v, string? value)
    {
        if (value is not null && !BusinessStructures.Contains(value))
            v.Add("business_structure", "value is not a valid enumeration member", "type_error.enum");
    }
}

public sealed class NextNumberRequest : IValidatable
{
    public long? Invoice { get; init; }
    public long? Quote { get; init; }
    public long? CreditNote { get; init; }
    public long? DeliveryNote { get; init; }
    public long? PurchaseOrder { get; init; }

    public IEnumerable<(string Type, long Next)> Given()
    {
        if (Invoice is { } i) yield return ("invoice", i);
        if (Quote is { } q) yield return ("quote", q);
        if (CreditNote is { } c) yield return ("credit_note", c);
        if (DeliveryNote is { } d) yield return ("delivery_note", d);
        if (PurchaseOrder is { } p) yield return ("purchase_order", p);
    }

    public void Validate(Validation v)
    {
        foreach (var (type, next) in Given()) v.Range(next, type, 1, Money.MaxAmount);
    }
}
