using Receivables.Api;

namespace Receivables.Counterparts;

/// <summary>
/// An address in a body (schema <c>CounterpartAddress</c>, strict): the counterpart's first address on create,
/// <c>POST /counterparts/{id}/addresses</c>, and a contact person's address.
/// </summary>
public sealed class CounterpartAddressRequest : IValidatable
{
    public string? Country { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? State { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Country, "country")) CounterpartFields.Country(v, Country, "country");
        if (v.Required(City, "city")) v.Length(City, "city", 1, 100);
        if (v.Required(PostalCode, "postal_code")) v.Length(PostalCode, "postal_code", 1, 10);
        if (v.Required(Line1, "line1")) v.Length(Line1, "line1", 1, 200);
        v.Length(Line2, "line2", 0, 100);
        v.Length(State, "state", 0, 100);
    }

    public CounterpartAddress ToAddress() => new()
    {
        Id = Guid.NewGuid(), Country = Country!, City = City!, PostalCode = PostalCode!, Line1 = Line1!, Line2 = Line2, State = State,
    };

    public CounterpartContactAddress ToContactAddress() => new()
    {
        Country = Country!, City = City!, PostalCode = PostalCode!, Line1 = Line1!, Line2 = Line2, State = State,
    };
}

/// <summary><c>PATCH /counterparts/{id}/addresses/{address_id}</c> body (strict, <c>CounterpartUpdateAddress</c>): only the fields sent change.</summary>
public sealed class UpdateCounterpartAddressRequest : IValidatable
{
    public string? Country { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? Line1 { get; init; }
    public string? Line2 { get; init; }
    public string? State { get; init; }

    public void Validate(Validation v)
    {
        CounterpartFields.Country(v, Country, "country");
        v.Length(City, "city", 1, 100);
        v.Length(PostalCode, "postal_code", 1, 10);
        v.Length(Line1, "line1", 1, 200);
        v.Length(Line2, "line2", 0, 100);
        v.Length(State, "state", 0, 100);
    }

    public void ApplyTo(CounterpartAddress address)
    {
        address.Country = Country ?? address.Country;
        address.City = City ?? address.City;
        address.PostalCode = PostalCode ?? address.PostalCode;
        address.Line1 = Line1 ?? address.Line1;
        address.Line2 = Line2 ?? address.Line2;
        address.State = State ?? address.State;
    }
}
