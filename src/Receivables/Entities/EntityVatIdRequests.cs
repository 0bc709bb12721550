using Receivables.Api;
using Receivables.Domain;

namespace Receivables.Entities;

/// <summary><c>POST /entities/{entity_id}/vat_ids</c> body (strict, <c>EntityVatID</c>).</summary>
public sealed class CreateEntityVatIdRequest : IValidatable
{
    public string? Country { get; init; }
    public string? Value { get; init; }
    public string? Type { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Country, "country")) EntityVatIdFields.Country(v, Country);
        if (v.Required(Value, "value")) EntityVatIdFields.Value(v, Value);
        EntityVatIdFields.Type(v, Type);
    }
}

/// <summary><c>PATCH /entities/{entity_id}/vat_ids/{id}</c> body (strict, <c>EntityUpdateVatID</c>): only the fields sent change.</summary>
public sealed class UpdateEntityVatIdRequest : IValidatable
{
    public string? Country { get; init; }
    public string? Value { get; init; }
    public string? Type { get; init; }

    public void Validate(Validation v)
    {
        EntityVatIdFields.Country(v, Country);
        EntityVatIdFields.Value(v, Value);
        EntityVatIdFields.Type(v, Type);
    }
}

internal static class EntityVatIdFields
{
    public static void Country(Validation v, string? country)
    {
        if (country is not null && !Codes.Countries.Contains(country))
            v.Add("country", "value is not a valid enumeration member (ISO 3166-1 alpha-2)", "type_error.enum");
    }

    // The OpenAPI sets no minimum; an empty VAT id identifies nothing, so at least one character.
    public static void Value(Validation v, string? value) => v.Length(value, "value", 1, 32);

    public static void Type(Validation v, string? type)
    {
        if (type is not null && !EntityVatId.Types.Contains(type))
            v.Add("type", "value is not a valid enumeration member (VatIDTypeEnum)", "type_error.enum");
    }
}
