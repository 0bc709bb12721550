using Receivables.Api;
using Receivables.MeasureUnits;
using Receivables.Store;

namespace Receivables.Products;

/// <summary>Create, read, list, update and delete an entity's products. Knows nothing of HTTP.</summary>
public sealed class ProductOperations(DocumentStore store, ListReader lists, TimeProvider clock)
{
    public async Task<Stored<Product>> CreateAsync(Guid entityId, CreateProductRequest request, CancellationToken ct)
    {
        if (request.MeasureUnitId is { } unitId) await RequireMeasureUnitAsync(entityId, unitId, ct);
        var now = clock.GetUtcNow();
        return await store.CreateAsync(new Product
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = Product.ResourceName,
            CreatedAt = now,
            UpdatedAt = now,
            Name = request.Name!,
            Description = request.Description,
            ExternalReference = request.ExternalReference,
            LedgerAccountId = request.LedgerAccountId,
            MeasureUnitId = request.MeasureUnitId,
            Price = request.Price?.ToPrice(),
            SmallestAmount = request.SmallestAmount,
            Type = request.Type ?? ProductType.Product,
        }, ct);
    }

    public async Task<Stored<Product>> GetAsync(Guid entityId, Guid productId, CancellationToken ct) =>
        await store.ReadAsync<Product>(entityId, productId.ToString(), Product.ResourceName, ct) ?? throw NotFound(productId);

    /// <summary>One page of <see cref="ProductList"/>, in one query on the entity's partition.</summary>
    public Task<Page<Product>> ListAsync(ListRequest list, CancellationToken ct) => lists.PageAsync<Product>(list, ct);

    public async Task<Stored<Product>> UpdateAsync(Guid entityId, Guid productId, UpdateProductRequest request, string? ifMatch, CancellationToken ct)
    {
        if (request.MeasureUnitId is { } unitId) await RequireMeasureUnitAsync(entityId, unitId, ct);
        var updated = await store.UpdateAsync<Product>(entityId, productId.ToString(), Product.ResourceName, ifMatch, product =>
        {
            product.Name = request.Name ?? product.Name;
            product.Description = request.Description ?? product.Description;
            product.ExternalReference = request.ExternalReference ?? product.ExternalReference;
            product.LedgerAccountId = request.LedgerAccountId ?? product.LedgerAccountId;
            product.MeasureUnitId = request.MeasureUnitId ?? product.MeasureUnitId;
            product.Price = request.Price?.ToPrice() ?? product.Price;
            product.SmallestAmount = request.SmallestAmount ?? product.SmallestAmount;
            product.Type = request.Type ?? product.Type;
            product.UpdatedAt = clock.GetUtcNow();
        }, ct);
        return updated ?? throw NotFound(productId);
    }

    /// <summary>Receivables keep their own copy of a product's line (spec 4.5.4): nothing cascades.</summary>
    public async Task DeleteAsync(Guid entityId, Guid productId, string? ifMatch, CancellationToken ct)
    {
        if (!await store.DeleteCheckedAsync<Product>(entityId, productId.ToString(), Product.ResourceName, ifMatch, _ => { }, ct))
            throw NotFound(productId);
    }

    /// <summary>A product may only name a unit of its own entity: another entity's unit is as unknown as a made-up id.</summary>
    private async Task RequireMeasureUnitAsync(Guid entityId, Guid unitId, CancellationToken ct)
    {
        if (await store.ReadAsync<MeasureUnit>(entityId, unitId.ToString(), MeasureUnit.ResourceName, ct) is null)
            throw MeasureUnitOperations.NotFound(unitId);
    }

    public static ResourceNotFoundException NotFound(Guid productId) => new ResourceNotFoundException($"Product {productId} was not found");
}
