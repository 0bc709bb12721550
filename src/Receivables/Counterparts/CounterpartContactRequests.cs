using Receivables.Api;

namespace Receivables.Counterparts;

/// <summary><c>POST /counterparts/{id}/contacts</c> body (strict, <c>CreateCounterpartContactPayload</c>).</summary>
public sealed class CreateCounterpartContactRequest : IValidatable
{
    public CounterpartAddressRequest? Address { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Phone { get; init; }
    public string? Title { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Address, "address")) v.Nested(Address, "address");
        if (v.Required(FirstName, "first_name")) v.Length(FirstName, "first_name", 1, 100);
        if (v.Required(LastName, "last_name")) v.Length(LastName, "last_name", 1, 100);
        v.Length(Title, "title", 0, 100);
        CounterpartFields.Contact(v, Email, Phone);
    }

    public CounterpartContact ToContact(bool isDefault) => new()
    {
        Id = Guid.NewGuid(), FirstName = FirstName!, LastName = LastName!, Email = Email, Phone = Phone, Title = Title,
        Address = Address!.ToContactAddress(), IsDefault = isDefault,
    };
}

/// <summary><c>PATCH /counterparts/{id}/contacts/{contact_id}</c> body (strict): only the fields sent change; an address is replaced whole.</summary>
public sealed class UpdateCounterpartContactRequest : IValidatable
{
    public CounterpartAddressRequest? Address { get; init; }
    public string? Email { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Phone { get; init; }
    public string? Title { get; init; }

    public void Validate(Validation v)
    {
        v.Nested(Address, "address");
        v.Length(FirstName, "first_name", 1, 100);
        v.Length(LastName, "last_name", 1, 100);
        v.Length(Title, "title", 0, 100);
        CounterpartFields.Contact(v, Email, Phone);
    }

    public void ApplyTo(CounterpartContact contact)
    {
        if (Address is not null) contact.Address = Address.ToContactAddress();
        contact.Email = Email ?? contact.Email;
        contact.FirstName = FirstName ?? contact.FirstName;
        contact.LastName = LastName ?? contact.LastName;
        contact.Phone = Phone ?? contact.Phone;
        contact.Title = Title ?? contact.Title;
    }
}
