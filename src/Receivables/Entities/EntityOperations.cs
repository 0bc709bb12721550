using Receivables.Api;
using Receivables.Auth;
using Receivables.Documents;
using Receivables.Store;

namespace Receivables.Entities;

/// <summary>Create, read, list and update entities and their settings. Knows nothing of HTTP.</summary>
public sealed class EntityOperations(DocumentStore store, EntityDirectory directory, ListReader lists, TimeProvider clock)
{
    public async Task<Stored<Entity>> CreateAsync(ApiPrincipal principal, CreateEntityRequest request, CancellationToken ct)
    {
        if (!principal.IsPartner) throw new ForbiddenException("Only a partner token may create entities");
        // With an Idempotency-Key the id comes from the key, so a retry meets the first attempt's record.
        var id = IdempotencyScope.Current?.CreatedId ?? Guid.NewGuid();
        var now = clock.GetUtcNow();
        var entity = new Entity
        {
            Id = id.ToString(),
            EntityId = id,
            Resource = Entity.ResourceName,
            PartnerId = principal.PartnerId,
            CreatedAt = now,
            UpdatedAt = now,
            Type = request.Type!.Value,
            Status = EntityStatus.Active,
            Address = request.Address!.ToAddress(),
            Email = request.Email,
            Phone = request.Phone,
            Website = request.Website,
            TaxId = request.TaxId,
            RegistrationAuthority = request.RegistrationAuthority,
            RegistrationNumber = request.RegistrationNumber,
            Organization = request.Organization?.ToOrganization(),
            Individual = request.Individual?.ToIndividual(),
            Settings = new EntitySettings(),
        };
        var stored = await store.CreateAsync(entity, ct);
        directory.Remember(id, principal.PartnerId);
        return stored;
    }

    public async Task<Stored<Entity>> GetAsync(ApiPrincipal principal, Guid entityId, CancellationToken ct)
    {
        var entity = await store.ReadAsync<Entity>(entityId, entityId.ToString(), Entity.ResourceName, ct);
        if (entity is null || !principal.MayActOn(entityId, entity.Document.PartnerId)) throw EntityDirectory.NotFound(entityId);
        return entity;
    }

    /// <summary>One page of <see cref="EntityList"/>: a cross-partition query (its plan, then the page).</summary>
    public Task<Page<Entity>> ListAsync(ListRequest list, CancellationToken ct) => lists.PageAsync<Entity>(list, ct);

    public async Task<Stored<Entity>> UpdateAsync(ApiPrincipal principal, Guid entityId, UpdateEntityRequest request, string? ifMatch, CancellationToken ct)
    {
        await directory.RequireAccessAsync(principal, entityId, ct);
        var updated = await store.UpdateAsync<Entity>(entityId, entityId.ToString(), Entity.ResourceName, ifMatch, entity =>
        {
            if (request.Address is { } a)
            {
                entity.Address.City = a.City ?? entity.Address.City;
                entity.Address.PostalCode = a.PostalCode ?? entity.Address.PostalCode;
                entity.Address.Line1 = a.Line1 ?? entity.Address.Line1;
                entity.Address.Line2 = a.Line2 ?? entity.Address.Line2;
                entity.Address.State = a.State ?? entity.Address.State;
            }
            entity.Email = request.Email ?? entity.Email;
            entity.Phone = request.Phone ?? entity.Phone;
            entity.Website = request.Website ?? entity.Website;
            entity.TaxId = request.TaxId ?? entity.TaxId;
            entity.RegistrationAuthority = request.RegistrationAuthority ?? entity.RegistrationAuthority;
            entity.RegistrationNumber = request.RegistrationNumber ?? entity.RegistrationNumber;
            if (request.Organization is { } o)
            {
                var org = entity.Organization ?? throw new BusinessRuleException("organization fields cannot be set on an individual entity");
                org.LegalName = o.LegalName ?? org.LegalName;
                org.BusinessStructure = o.BusinessStructure ?? org.BusinessStructure;
                org.LegalEntityId = o.LegalEntityId ?? org.LegalEntityId;
                org.DirectorsProvided = o.DirectorsProvided ?? org.DirectorsProvided;
                org.ExecutivesProvided = o.ExecutivesProvided ?? org.ExecutivesProvided;
                org.OwnersProvided = o.OwnersProvided ?? org.OwnersProvided;
                org.RepresentativeProvided = o.RepresentativeProvided ?? org.RepresentativeProvided;
            }
            if (request.Individual is { } i)
            {
                var person = entity.Individual ?? throw new BusinessRuleException("individual fields cannot be set on an organization entity");
                person.FirstName = i.FirstName ?? person.FirstName;
                person.LastName = i.LastName ?? person.LastName;
                person.Title = i.Title ?? person.Title;
                person.DateOfBirth = i.DateOfBirth ?? person.DateOfBirth;
                person.IdNumber = i.IdNumber ?? person.IdNumber;
                person.SsnLast4 = i.SsnLast4 ?? person.SsnLast4;
            }
            entity.UpdatedAt = clock.GetUtcNow();
        }, ct);
        return updated ?? throw EntityDirectory.NotFound(entityId);
    }

    public async Task<Stored<Entity>> PatchSettingsAsync(ApiPrincipal principal, Guid entityId, PatchEntitySettingsRequest request, string? ifMatch, CancellationToken ct)
    {
        await directory.RequireAccessAsync(principal, entityId, ct);
        // The settings and the number counters (next_number) change together, in one batch, or not at all.
        return await store.DecideAndCommitAsync(entityId, entityId.ToString(), ifMatch, [entityId.ToString(), DocumentNumbering.DocumentId], set =>
        {
            var current = DocumentStore.Typed<Entity>(set, entityId.ToString(), Entity.ResourceName) ?? throw EntityDirectory.NotFound(entityId);
            var entity = current.Document;
            ApplySettings(entity.Settings, request);
            entity.UpdatedAt = clock.GetUtcNow();
            var writes = new List<BatchWrite> { new ReplaceWrite(entity, current.ETag) };
            if (request.DocumentIds?.NextNumber is { } next)
            {
                var numbering = DocumentStore.Typed<DocumentNumbering>(set, DocumentNumbering.DocumentId, DocumentNumbering.ResourceName);
                var counters = numbering?.Document ?? DocumentNumbering.New(entityId);
                foreach (var (type, value) in next.Given()) counters.Counters.SetNext(type, value);
                writes.Add(numbering is null ? new CreateWrite(counters) : new ReplaceWrite(counters, numbering.ETag));
            }
            return Task.FromResult(new BatchPlan<Stored<Entity>>(writes, etags => new(entity, etags[0])));
        }, ct);
    }

    /// <summary>The number each document type's next issue will get (1 before the first).</summary>
    public async Task<NextDocumentNumbersResponse> NextDocumentNumbersAsync(ApiPrincipal principal, Guid entityId, CancellationToken ct)
    {
        await directory.RequireAccessAsync(principal, entityId, ct);
        var c = (await store.ReadAsync<DocumentNumbering>(entityId, DocumentNumbering.DocumentId, DocumentNumbering.ResourceName, ct))?.Document.Counters ?? new();
        return new NextDocumentNumbersResponse(c.NextOf("invoice"), c.NextOf("quote"), c.NextOf("credit_note"), c.NextOf("delivery_note"), c.NextOf("purchase_order"));
    }

    private static void ApplySettings(EntitySettings s, PatchEntitySettingsRequest request)
    {
        s.ReceivableEditFlow = request.ReceivableEditFlow ?? s.ReceivableEditFlow;
        s.VatMode = request.VatMode ?? s.VatMode;
        s.VatInclusiveDiscountMode = request.VatInclusiveDiscountMode ?? s.VatInclusiveDiscountMode;
        s.QuoteSignatureRequired = request.QuoteSignatureRequired ?? s.QuoteSignatureRequired;
        s.GeneratePaidInvoicePdf = request.GeneratePaidInvoicePdf ?? s.GeneratePaidInvoicePdf;
        s.Language = request.Language ?? s.Language;
        s.DocumentRendering = request.DocumentRendering ?? s.DocumentRendering;
        s.Currency = request.Currency?.ToSettings() ?? s.Currency;
        if (request.Receivable is { } r)
            s.Receivable = new ReceivableSettings { CreateWithoutPersonalInfo = r.CreateWithoutPersonalInfo!.Value, DeductionTitle = r.DeductionTitle };
        if (request.DocumentIds is { } d)
        {
            var ids = s.DocumentIds;
            ids.IncludeDate = d.IncludeDate ?? ids.IncludeDate;
            ids.MinDigits = d.MinDigits ?? ids.MinDigits;
            ids.Prefix = d.Prefix ?? ids.Prefix;
            ids.Separator = d.Separator ?? ids.Separator;
            if (d.DocumentTypePrefix is { } p)
            {
                ids.DocumentTypePrefix.Invoice = p.Invoice ?? ids.DocumentTypePrefix.Invoice;
                ids.DocumentTypePrefix.Quote = p.Quote ?? ids.DocumentTypePrefix.Quote;
                ids.DocumentTypePrefix.CreditNote = p.CreditNote ?? ids.DocumentTypePrefix.CreditNote;
                ids.DocumentTypePrefix.DeliveryNote = p.DeliveryNote ?? ids.DocumentTypePrefix.DeliveryNote;
                ids.DocumentTypePrefix.PurchaseOrder = p.PurchaseOrder ?? ids.DocumentTypePrefix.PurchaseOrder;
            }
        }
    }
}
