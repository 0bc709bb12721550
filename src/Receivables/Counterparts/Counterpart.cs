using System.Text.Json.Serialization;
using Receivables.Store;

namespace Receivables.Counterparts;

public enum CounterpartType { Organization, Individual }

/// <summary>
/// A counterpart (customer or vendor of the entity), stored as one document in the entity's partition with its
/// addresses, contacts and VAT ids embedded: creating a receivable reads everything about it in one point read.
/// The sub-resources are served by their own routes, not by <c>/counterparts/{id}</c>.
/// </summary>
public sealed class Counterpart : StoredDocument
{
    public const string ResourceName = "counterpart";

    public required CounterpartType Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CounterpartOrganization? Organization { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CounterpartIndividual? Individual { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public Guid? DefaultBillingAddressId { get; set; }
    public Guid? DefaultShippingAddressId { get; set; }
    public required string Language { get; set; }
    public string? TaxId { get; set; }
    public string? ExternalReference { get; set; }
    public bool RemindersEnabled { get; set; } = true;
    public Guid? CreatedByEntityUserId { get; init; }
    public bool CreatedAutomatically { get; init; }

    [StorageOnly]
    public List<CounterpartAddress> Addresses { get; set; } = [];

    [StorageOnly]
    public List<CounterpartContact> Contacts { get; set; } = [];

    [StorageOnly]
    public List<CounterpartVatId> VatIds { get; set; } = [];

    /// <summary>The name documents show (<c>counterpart_name</c>): the legal name, or "first last".</summary>
    [JsonIgnore]
    public string Name => Organization is { } o ? o.LegalName : $"{Individual?.FirstName} {Individual?.LastName}".Trim();

    /// <summary>Derived on every write, never read back: what the list sorts on (<see cref="CounterpartListing"/>).</summary>
    [StorageOnly]
    public CounterpartListing Listing => CounterpartListing.Of(this);

    public CounterpartAddress? FindAddress(Guid id) => Addresses.Find(a => a.Id == id);

    public CounterpartContact? FindContact(Guid id) => Contacts.Find(c => c.Id == id);

    public CounterpartVatId? FindVatId(Guid id) => VatIds.Find(v => v.Id == id);
}

public sealed class CounterpartOrganization
{
    public required string LegalName { get; set; }
    public required bool IsCustomer { get; set; }
    public required bool IsVendor { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>Always empty: tags are not part of this API, and a tag id is refused on input.</summary>
    public List<object> Tags { get; set; } = [];
}

public sealed class CounterpartIndividual
{
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Title { get; set; }
    public required bool IsCustomer { get; set; }
    public required bool IsVendor { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>Always empty: tags are not part of this API, and a tag id is refused on input.</summary>
    public List<object> Tags { get; set; } = [];
}

/// <summary>An address of a counterpart (<c>/counterparts/{id}/addresses</c>); receivables copy it as billing or shipping address.</summary>
public sealed class CounterpartAddress
{
    public required Guid Id { get; init; }
    public required string Country { get; set; }
    public required string City { get; set; }
    public required string PostalCode { get; set; }
    public required string Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? State { get; set; }
}

/// <summary>The address of a contact person: an address without an id of its own (schema <c>CounterpartAddress</c>).</summary>
public sealed class CounterpartContactAddress
{
    public required string Country { get; set; }
    public required string City { get; set; }
    public required string PostalCode { get; set; }
    public required string Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? State { get; set; }
}

/// <summary>A contact person of an organization counterpart (<c>/counterparts/{id}/contacts</c>).</summary>
public sealed class CounterpartContact
{
    public required Guid Id { get; init; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Title { get; set; }
    public required CounterpartContactAddress Address { get; set; }
    public bool IsDefault { get; set; }
}

/// <summary>A VAT id of a counterpart (<c>/counterparts/{id}/vat_ids</c>), stored exactly as the API returns it.</summary>
public sealed class CounterpartVatId
{
    public required Guid Id { get; init; }
    public required Guid CounterpartId { get; init; }
    public string? Country { get; set; }
    public required string Type { get; set; }
    public required string Value { get; set; }
}
