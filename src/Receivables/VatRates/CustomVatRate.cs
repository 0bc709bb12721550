using Receivables.Store;

namespace Receivables.VatRates;

/// <summary>
/// A rate the entity defines itself (spec 6.5), used on lines via <c>custom_vat_rate_id</c>. <see cref="Value"/> is
/// the sum of the components in basis points, a number rounded to 2 decimals (spec 1.4: 12.125 % is 1212.5).
/// </summary>
public sealed class CustomVatRate : StoredDocument
{
    public const string ResourceName = "custom_vat_rate";

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string Name { get; set; }
    public required IReadOnlyList<VatRateComponent> Components { get; set; }
    public required decimal Value { get; set; }
    public Guid? CreatedByEntityUserId { get; init; }

    /// <summary>Components are kept at 2 decimals, so the sum needs no further rounding and always matches them.</summary>
    public static decimal Sum(IEnumerable<VatRateComponent> components) => components.Sum(c => c.Value);
}

/// <summary><c>CustomVatRateResponseList</c>: unpaged.</summary>
public sealed record CustomVatRateList(IReadOnlyList<CustomVatRate> Data);
