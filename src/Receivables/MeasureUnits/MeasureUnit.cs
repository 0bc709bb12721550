using Receivables.Store;

namespace Receivables.MeasureUnits;

/// <summary>A unit a product or line item is counted in (spec 6.6), stored in its entity's partition.</summary>
public sealed class MeasureUnit : StoredDocument
{
    public const string ResourceName = "measure_unit";

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
}

/// <summary><c>GET /measure_units</c>: the whole list, the OpenAPI gives it no pagination.</summary>
public sealed record MeasureUnitList(IReadOnlyList<MeasureUnit> Data);
