namespace Receivables.Domain;

public enum VatRateStatus { Active, Inactive }

/// <summary>One part of a rate (a federal and a provincial tax, say); the value is in basis points, a number (spec 1.4).</summary>
public sealed record VatRateComponent(string Name, decimal Value);

/// <summary>
/// A VAT rate of the shipped table. <see cref="Value"/> is in basis points (1900 = 19 %). An inactive rate is
/// one a law replaced: still resolvable by id, because documents that used it keep its id.
/// </summary>
public sealed record VatRateEntry(Guid Id, string Country, int Value, IReadOnlyList<VatRateComponent> Components, DateOnly ValidFrom, DateOnly? ValidUntil)
{
    public VatRateStatus Status => ValidUntil is null ? VatRateStatus.Active : VatRateStatus.Inactive;
}
