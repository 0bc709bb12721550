namespace Receivables.Products;

/// <summary>
/// <c>ProductServiceResponse</c>: the stored product plus <c>entity_id</c>, which the store keeps as the
/// partition key (storage-only on every other resource, returned on this one).
/// </summary>
public sealed record ProductResponse(
    string Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Guid EntityId, Guid? EntityUserId, string Name,
    string? Description, string? ExternalReference, Guid? LedgerAccountId, Guid? MeasureUnitId, ProductPrice? Price,
    decimal? SmallestAmount, ProductType Type)
{
    public static ProductResponse From(Product p) => new(
        p.Id, p.CreatedAt, p.UpdatedAt, p.EntityId, p.EntityUserId, p.Name, p.Description, p.ExternalReference,
        p.LedgerAccountId, p.MeasureUnitId, p.Price, p.SmallestAmount, p.Type);
}
