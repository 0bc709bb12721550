using Receivables.Api;
using Receivables.Store;

namespace Receivables.PaymentTerms;

/// <summary>Create, read, list, update and delete an entity's payment terms. Knows nothing of HTTP.</summary>
public sealed class PaymentTermsOperations(DocumentStore store, TimeProvider clock)
{
    public async Task<Stored<PaymentTermsDocument>> CreateAsync(Guid entityId, CreatePaymentTermsRequest request, CancellationToken ct) =>
        await store.CreateAsync(new PaymentTermsDocument
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = PaymentTermsDocument.ResourceName,
            CreatedAt = clock.GetUtcNow(),
            Name = request.Name!,
            Description = request.Description,
            Term1 = request.Term1?.ToTerm(),
            Term2 = request.Term2?.ToTerm(),
            TermFinal = request.TermFinal!.ToTerm(),
        }, ct);

    public async Task<Stored<PaymentTermsDocument>> GetAsync(Guid entityId, Guid termsId, CancellationToken ct) =>
        await store.ReadAsync<PaymentTermsDocument>(entityId, termsId.ToString(), PaymentTermsDocument.ResourceName, ct) ?? throw NotFound(termsId);

    /// <summary>All of the entity's payment terms, oldest first: the API does not page them.</summary>
    public async Task<IReadOnlyList<PaymentTermsDocument>> ListAsync(Guid entityId, CancellationToken ct)
    {
        return await store.ReadAllAsync<PaymentTermsDocument>(entityId, PaymentTermsDocument.ResourceName, ct);
    }

    public async Task<Stored<PaymentTermsDocument>> UpdateAsync(Guid entityId, Guid termsId, UpdatePaymentTermsRequest request, string? ifMatch, CancellationToken ct)
    {
        var updated = await store.UpdateAsync<PaymentTermsDocument>(entityId, termsId.ToString(), PaymentTermsDocument.ResourceName, ifMatch, terms =>
        {
            terms.Name = request.Name ?? terms.Name;
            terms.Description = request.Description ?? terms.Description;
            terms.Term1 = request.Term1?.ToTerm() ?? terms.Term1;
            terms.Term2 = request.Term2?.ToTerm() ?? terms.Term2;
            terms.TermFinal = request.TermFinal?.ToTerm() ?? terms.TermFinal;
            // The order of days depends on what is stored too, so it is checked on the result, before the write.
            var v = new Validation("body");
            PaymentTermsRules.Check(terms.Term1?.NumberOfDays, terms.Term2?.NumberOfDays, terms.TermFinal.NumberOfDays, v);
            v.ThrowIfAny();
        }, ct);
        return updated ?? throw NotFound(termsId);
    }

    /// <summary>Receivables keep their copy of the terms (spec 4.5.5): nothing cascades.</summary>
    public async Task DeleteAsync(Guid entityId, Guid termsId, string? ifMatch, CancellationToken ct)
    {
        if (!await store.DeleteCheckedAsync<PaymentTermsDocument>(entityId, termsId.ToString(), PaymentTermsDocument.ResourceName, ifMatch, _ => { }, ct))
            throw NotFound(termsId);
    }

    public static ResourceNotFoundException NotFound(Guid termsId) => new ResourceNotFoundException($"Payment terms {termsId} were not found");
}
