using Receivables.Entities;
using Receivables.Store;

namespace Receivables.VatRates;

/// <summary>
/// Which rates of the table apply to an entity (spec 6.5): the rates of the countries of its VAT ids (or of the one
/// named by <c>entity_vat_id_id</c>); an entity without a VAT id gets only the 0 % rate of its address country.
/// </summary>
public sealed class VatRateOperations(DocumentStore store, EntityVatIdOperations vatIds)
{
    public async Task<IReadOnlyList<VatRateEntry>> ApplicableAsync(Guid entityId, Guid? entityVatIdId, CancellationToken ct)
    {
        if (entityVatIdId is { } one)
        {
            var vat = await vatIds.FindAsync(entityId, one, ct) ?? throw EntityVatIdOperations.NotFound(one);
            return VatRateTable.ForCountry(vat.Document.Country);
        }
        var countries = (await vatIds.ListAsync(entityId, ct)).Select(v => v.Country).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (countries.Count > 0) return countries.SelectMany(VatRateTable.ForCountry).ToList();

        var entity = await store.ReadAsync<Entity>(entityId, entityId.ToString(), Entity.ResourceName, ct) ?? throw EntityDirectory.NotFound(entityId);
        return VatRateTable.ZeroRate(entity.Document.Address.Country) is { } zero ? [zero] : [];
    }
}
