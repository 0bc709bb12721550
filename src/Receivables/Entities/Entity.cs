using System.Text.Json.Serialization;
using Receivables.Store;

namespace Receivables.Entities;

public enum EntityType { Organization, Individual }

public enum EntityStatus { Active, Inactive, Deleted }

/// <summary>
/// An entity (the business that issues receivables), stored as the document with <c>id = entity_id</c> in its
/// own partition. Its settings live in the same document: every receivable create reads both, in one point read.
/// </summary>
public sealed class Entity : StoredDocument
{
    public const string ResourceName = "entity";

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required EntityType Type { get; init; }
    public required EntityStatus Status { get; set; }
    public required EntityAddress Address { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    public string? TaxId { get; set; }
    public string? RegistrationAuthority { get; set; }
    public string? RegistrationNumber { get; set; }
    public object? Logo { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EntityOrganization? Organization { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EntityIndividual? Individual { get; set; }

    /// <summary>The partner whose tokens may act on this entity. Not part of the API's entity.</summary>
    [StorageOnly]
    public required Guid PartnerId { get; init; }

    /// <summary>Served by <c>/entities/{id}/settings</c>, not by <c>/entities/{id}</c>.</summary>
    [StorageOnly]
    public required EntitySettings Settings { get; set; }
}

public sealed class EntityAddress
{
    public required string Country { get; set; }
    public required string City { get; set; }
    public required string PostalCode { get; set; }
    public required string Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? State { get; set; }
}

public sealed class EntityOrganization
{
    public required string LegalName { get; set; }
    public string? BusinessStructure { get; set; }
    public string? LegalEntityId { get; set; }
    public bool? DirectorsProvided { get; set; }
    public bool? ExecutivesProvided { get; set; }
    public bool? OwnersProvided { get; set; }
    public bool? RepresentativeProvided { get; set; }
}

public sealed class EntityIndividual
{
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Title { get; set; }
    public string? DateOfBirth { get; set; }
    public string? IdNumber { get; set; }
    [JsonPropertyName("ssn_last_4")]
    public string? SsnLast4 { get; set; }
}
