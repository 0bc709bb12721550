using Receivables.Api;
using Receivables.Domain;

namespace Receivables.Counterparts;

/// <summary><c>POST /counterparts</c> body (strict): an organization or an individual, with its first address.</summary>
public sealed class CreateCounterpartRequest : IValidatable
{
    public CounterpartType? Type { get; init; }
    public CounterpartOrganizationRequest? Organization { get; init; }
    public CounterpartIndividualRequest? Individual { get; init; }
    public string? Language { get; init; }
    public string? TaxId { get; init; }
    public string? ExternalReference { get; init; }
    public bool? RemindersEnabled { get; init; }

    public void Validate(Validation v)
    {
        v.Required(Type, "type");
        CounterpartFields.Root(v, Language, TaxId, ExternalReference);
        if (Type == CounterpartType.Organization)
        {
            if (v.Required(Organization, "organization")) v.Nested(Organization, "organization");
            if (Individual is not null) v.Add("individual", "extra fields not permitted for an organization", "value_error.extra");
        }
        else if (Type == CounterpartType.Individual)
        {
            if (v.Required(Individual, "individual")) v.Nested(Individual, "individual");
            if (Organization is not null) v.Add("organization", "extra fields not permitted for an individual", "value_error.extra");
        }
    }
}

public sealed class CounterpartOrganizationRequest : IValidatable
{
    public string? LegalName { get; init; }
    public bool? IsCustomer { get; init; }
    public bool? IsVendor { get; init; }
    public CounterpartAddressRequest? Address { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<Guid>? TagIds { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(LegalName, "legal_name")) v.Length(LegalName, "legal_name", 1, 255);
        v.Required(IsCustomer, "is_customer");
        v.Required(IsVendor, "is_vendor");
        if (v.Required(Address, "address")) v.Nested(Address, "address");
        CounterpartFields.Contact(v, Email, Phone);
        CounterpartFields.TagIds(v, TagIds);
    }

    public CounterpartOrganization ToOrganization() => new()
    {
        LegalName = LegalName!, IsCustomer = IsCustomer!.Value, IsVendor = IsVendor!.Value, Email = Email, Phone = Phone,
    };
}

public sealed class CounterpartIndividualRequest : IValidatable
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Title { get; init; }
    public bool? IsCustomer { get; init; }
    public bool? IsVendor { get; init; }
    public CounterpartAddressRequest? Address { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<Guid>? TagIds { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(FirstName, "first_name")) v.Length(FirstName, "first_name", 1, 100);
        if (v.Required(LastName, "last_name")) v.Length(LastName, "last_name", 1, 100);
        v.Length(Title, "title", 0, 100);
        v.Required(IsCustomer, "is_customer");
        v.Required(IsVendor, "is_vendor");
        if (v.Required(Address, "address")) v.Nested(Address, "address");
        CounterpartFields.Contact(v, Email, Phone);
        CounterpartFields.TagIds(v, TagIds);
    }

    public CounterpartIndividual ToIndividual() => new()
    {
        FirstName = FirstName!, LastName = LastName!, Title = Title, IsCustomer = IsCustomer!.Value, IsVendor = IsVendor!.Value,
        Email = Email, Phone = Phone,
    };
}

/// <summary>
/// <c>PATCH /counterparts/{counterpart_id}</c> body (strict): only the fields sent change. As in the OpenAPI
/// (<c>CounterpartUpdatePayload</c>), exactly one of <c>organization</c> and <c>individual</c> is sent.
/// </summary>
public sealed class UpdateCounterpartRequest : IValidatable
{
    public Guid? DefaultBillingAddressId { get; init; }
    public Guid? DefaultShippingAddressId { get; init; }
    public string? ExternalReference { get; init; }
    public string? Language { get; init; }
    public UpdateCounterpartOrganizationRequest? Organization { get; init; }
    public UpdateCounterpartIndividualRequest? Individual { get; init; }
    public bool? RemindersEnabled { get; init; }
    public string? TaxId { get; init; }

    public void Validate(Validation v)
    {
        CounterpartFields.Root(v, Language, TaxId, ExternalReference);
        if (Organization is null && Individual is null)
            v.Add("organization", "field required (or 'individual' for an individual counterpart)", "value_error.missing");
        if (Organization is not null && Individual is not null)
            v.Add("individual", "extra fields not permitted: send either 'organization' or 'individual'", "value_error.extra");
        v.Nested(Organization, "organization");
        v.Nested(Individual, "individual");
    }
}

public sealed class UpdateCounterpartOrganizationRequest : IValidatable
{
    public string? LegalName { get; init; }
    public bool? IsCustomer { get; init; }
    public bool? IsVendor { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<Guid>? TagIds { get; init; }

    public void Validate(Validation v)
    {
        v.Length(LegalName, "legal_name", 1, 255);
        CounterpartFields.Contact(v, Email, Phone);
        CounterpartFields.TagIds(v, TagIds);
    }
}

public sealed class UpdateCounterpartIndividualRequest : IValidatable
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Title { get; init; }
    public bool? IsCustomer { get; init; }
    public bool? IsVendor { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<Guid>? TagIds { get; init; }

    public void Validate(Validation v)
    {
        v.Length(FirstName, "first_name", 1, 100);
        v.Length(LastName, "last_name", 1, 100);
        v.Length(Title, "title", 0, 100);
        CounterpartFields.Contact(v, Email, Phone);
        CounterpartFields.TagIds(v, TagIds);
    }
}

/// <summary>Rules shared by the counterpart bodies. Where the OpenAPI gives no length, the entity's bounds apply.</summary>
internal static class CounterpartFields
{
    public static void Root(Validation v, string? language, string? taxId, string? externalReference)
    {
        if (language is not null && !Codes.Languages.Contains(language))
            v.Add("language", "value is not a valid enumeration member (ISO 639-1)", "type_error.enum");
        v.Length(taxId, "tax_id", 0, 30);
        v.Length(externalReference, "external_reference", 1, 255);
    }

    public static void Contact(Validation v, string? email, string? phone)
    {
        Entities.EntityFields.Email(v, email, "email");
        v.Length(phone, "phone", 1, 100);
    }

    public static void Country(Validation v, string? country, string field)
    {
        if (country is not null && !Codes.Countries.Contains(country))
            v.Add(field, "value is not a valid enumeration member (ISO 3166-1 alpha-2)", "type_error.enum");
    }

    /// <summary>Tags are not part of this API: no tag can exist, so any tag id names an unknown tag.</summary>
    public static void TagIds(Validation v, IReadOnlyList<Guid>? tagIds)
    {
        if (tagIds is null) return;
        var list = v.At("tag_ids");
        for (var i = 0; i < tagIds.Count; i++)
            list.At(i).AddHere($"tag {tagIds[i]} was not found", "value_error");
    }
}
