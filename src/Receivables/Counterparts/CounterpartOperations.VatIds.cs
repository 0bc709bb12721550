using Receivables.Api;

namespace Receivables.Counterparts;

public sealed partial class CounterpartOperations
{
    public async Task<StoredPart<CounterpartVatId>> AddVatIdAsync(Guid entityId, Guid counterpartId, CreateCounterpartVatIdRequest request, CancellationToken ct)
    {
        var vatId = request.ToVatId(counterpartId);
        var stored = await ChangeAsync(entityId, counterpartId, null, counterpart =>
        {
            RequireRoom(counterpart.VatIds, "VAT ids");
            counterpart.VatIds.Add(vatId);
        }, ct);
        return new(vatId, counterpartId, stored.ETag);
    }

    public async Task<StoredPart<CounterpartVatId>> GetVatIdAsync(Guid entityId, Guid counterpartId, Guid vatIdId, CancellationToken ct)
    {
        var stored = await GetAsync(entityId, counterpartId, ct);
        return new(stored.Document.FindVatId(vatIdId) ?? throw VatIdNotFound(vatIdId), counterpartId, stored.ETag);
    }

    public async Task<IReadOnlyList<CounterpartVatId>> ListVatIdsAsync(Guid entityId, Guid counterpartId, CancellationToken ct) =>
        (await GetAsync(entityId, counterpartId, ct)).Document.VatIds;

    public async Task<StoredPart<CounterpartVatId>> UpdateVatIdAsync(
        Guid entityId, Guid counterpartId, Guid vatIdId, UpdateCounterpartVatIdRequest request, string? ifMatch, CancellationToken ct)
    {
        CounterpartVatId? changed = null;
        var stored = await ChangeAsync(entityId, counterpartId, ifMatch, counterpart =>
        {
            changed = counterpart.FindVatId(vatIdId) ?? throw VatIdNotFound(vatIdId);
            request.ApplyTo(changed);
        }, ct);
        return new(changed!, counterpartId, stored.ETag);
    }

    public async Task DeleteVatIdAsync(Guid entityId, Guid counterpartId, Guid vatIdId, string? ifMatch, CancellationToken ct)
    {
        await ChangeAsync(entityId, counterpartId, ifMatch, counterpart =>
        {
            var vatId = counterpart.FindVatId(vatIdId) ?? throw VatIdNotFound(vatIdId);
            counterpart.VatIds.Remove(vatId);
        }, ct);
    }

    private static ResourceNotFoundException VatIdNotFound(Guid vatIdId) => new ResourceNotFoundException($"Counterpart VAT id {vatIdId} was not found");
}
