namespace Receivables.Counterparts;

/// <summary><c>CounterpartAddressResponseWithCounterpartID</c>: a stored address plus the counterpart that owns it.</summary>
public sealed record CounterpartAddressResponse(Guid Id, string City, Guid CounterpartId, string Country, string Line1, string? Line2, string PostalCode, string? State)
{
    public static CounterpartAddressResponse From(Guid counterpartId, CounterpartAddress a) =>
        new(a.Id, a.City, counterpartId, a.Country, a.Line1, a.Line2, a.PostalCode, a.State);
}

/// <summary><c>CounterpartContactResponse</c>: a stored contact plus the counterpart that owns it.</summary>
public sealed record CounterpartContactResponse(
    Guid Id, CounterpartContactAddress Address, Guid CounterpartId, string? Email, string FirstName, bool IsDefault, string LastName, string? Phone, string? Title)
{
    public static CounterpartContactResponse From(Guid counterpartId, CounterpartContact c) =>
        new(c.Id, c.Address, counterpartId, c.Email, c.FirstName, c.IsDefault, c.LastName, c.Phone, c.Title);
}

/// <summary>The unpaginated list envelope of the sub-resource routes: <c>{"data": [...]}</c>.</summary>
public sealed record ResourceList<T>(IReadOnlyList<T> Data);

/// <summary>A sub-resource as read or written, with the ETag of the counterpart document that holds it.</summary>
public sealed record StoredPart<T>(T Part, Guid CounterpartId, string ETag);
