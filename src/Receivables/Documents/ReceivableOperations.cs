using Receivables.Api;
using Receivables.Auth;
using Receivables.Entities;
using Receivables.History;
using Receivables.Store;

namespace Receivables.Documents;

/// <summary>Create, read, edit, delete and clone receivables. Knows nothing of HTTP.</summary>
public sealed partial class ReceivableOperations(DocumentStore store, ListReader lists, TimeProvider clock, Pdfs.ReceivablePdfs pdfs)
{
    /// <summary>
    /// One point read. Another entity's id is not found, exactly like an unknown id. An issued invoice's
    /// <c>amount_to_pay</c> depends on the day (early-payment discounts end): it is computed for today on every read.
    /// </summary>
    public async Task<Stored<Receivable>> GetAsync(Guid entityId, Guid receivableId, CancellationToken ct)
    {
        var stored = await store.ReadAsync<Receivable>(entityId, receivableId.ToString(), Receivable.ResourceName, ct) ?? throw NotFound(receivableId);
        WithAmountToPay(stored.Document, Today());
        return stored;
    }

    // amount_to_pay is the amount due less the early-payment discount that applies today (spec 5.8): computed on read.
    private static Receivable WithAmountToPay(Receivable doc, DateOnly today)
    {
        if (doc is Invoice { IsDraft: false } invoice) invoice.AmountToPay = AmountToPayOf(invoice, today);
        return doc;
    }

    /// <summary>
    /// The API's answer for one receivable as JSON, made from the stored JSON without building the document
    /// (<see cref="ReceivableJson"/>), with links to its PDFs; a document of an older shape takes the object path.
    /// </summary>
    public async Task<Stored<Api.JsonBody>> GetJsonAsync(Guid entityId, Guid receivableId, CancellationToken ct)
    {
        var today = Today();
        // A draft or a pending PDF needs no signed link: answered at once from the SDK's buffer. Otherwise the JSON is
        // kept (one copy) while a signer is got, which may need storage (a new user-delegation key).
        var read = await store.ReadAsync(entityId, receivableId.ToString(), Receivable.ResourceName, (json, etag) =>
            ReceivableJson.PdfFacts(json.Span) is var facts && facts is { HasFiles: false }
                ? new StoredRead(new Stored<Api.JsonBody>(Answer(json.Span, today, default), etag), null, null)
                : new StoredRead(null, new Stored<byte[]>(json.ToArray(), etag), facts ?? PdfFactsOf(json.Span)), ct) ?? throw NotFound(receivableId);
        if (read.Answer is { } answered) return answered;
        var stored = read.Json!;
        var links = await LinksAsync([read.Facts!], ct);
        return new Stored<Api.JsonBody>(Answer(stored.Document, today, links[0]), stored.ETag);
    }

    /// <summary>One page of a list or search: the same answers a point read gives (amount to pay for today, links).</summary>
    public async Task<Page<Api.JsonBody>> ListAsync(ListRequest list, CancellationToken ct)
    {
        var today = Today();
        var page = await lists.PageAsync(list, row => row, ct);
        var links = await LinksAsync(page.Data.Select(row => ReceivableJson.PdfFacts(Utf8(row)) ?? PdfFactsOf(Utf8(row))).ToList(), ct);
        return new Page<Api.JsonBody>(page.Data.Select((row, i) => Answer(Utf8(row), today, links[i])).ToList(), page.PrevPaginationToken, page.NextPaginationToken);
    }

    private static ReadOnlySpan<byte> Utf8(System.Text.Json.JsonElement row) => System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(row);

    // A point read's outcome: the answer made from the SDK's buffer, or the stored JSON kept for answering once links are signed.
    private sealed record StoredRead(Stored<Api.JsonBody>? Answer, Stored<byte[]>? Json, Pdfs.PdfFacts? Facts);

    private async Task<List<Pdfs.PdfLinks>> LinksAsync(IReadOnlyList<Pdfs.PdfFacts> facts, CancellationToken ct)
    {
        var signer = facts.Any(f => f.HasFiles) ? await pdfs.SignerAsync(ct) : null;
        return facts.Select(f => Pdfs.ReceivablePdfs.Links(signer, f)).ToList();
    }

    private static Pdfs.PdfFacts PdfFactsOf(ReadOnlySpan<byte> stored) =>
        Pdfs.PdfFacts.Of(System.Text.Json.JsonSerializer.Deserialize<Receivable>(stored, Api.ApiJson.Storage)!);

    private static Api.JsonBody Answer(ReadOnlySpan<byte> stored, DateOnly today, Pdfs.PdfLinks links)
    {
        if (ReceivableJson.TryProject(stored, today, links) is { } answer) return new(answer);
        var doc = WithAmountToPay(System.Text.Json.JsonSerializer.Deserialize<Receivable>(stored, Api.ApiJson.Storage)!, today);
        (doc.FileUrl, doc.OriginalFileUrl) = links;
        return new(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(doc, Api.ApiJson.Options));
    }

    public static ResourceNotFoundException NotFound(Guid id) => new ResourceNotFoundException($"Receivable {id} was not found");

    /// <summary>
    /// An invoice that names no bank account gets the entity's default account for its currency, if it has one: the
    /// account the entity set up to be paid into (Monite's UI never sends the id, and issuing needs an account). The
    /// entity's accounts come in the create's one read.
    /// </summary>
    private static Guid? DefaultBankAccount(ReferenceSet refs, string currency) =>
        refs.BankAccounts.Values
            .Where(a => a.TryGetProperty("currency", out var c) && c.GetString() == currency
                && a.TryGetProperty("is_default_for_currency", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.True)
            .Select(a => (Guid?)Guid.Parse(a.GetProperty("id").GetString()!))
            .FirstOrDefault();

    /// <summary>A new draft invoice or quote: one ReadMany for everything it references, then one create.</summary>
    public async Task<Stored<Receivable>> CreateAsync(ApiPrincipal principal, Guid entityId, CreateReceivableRequest request, CancellationToken ct)
    {
        if (request.BasedOn is { } basedOn) return await CreateBasedOnAsync(principal, entityId, request.Type!.Value, basedOn, ct);

        var refs = await ReferenceSet.LoadAsync(store, entityId,
            [request.CounterpartId, request.PaymentTermsId, request.EntityBankAccountId, request.EntityVatIdId, request.PaymentReminderId, request.OverdueReminderId,
             .. request.LineItems!.Select(l => l.ProductId), .. request.LineItems!.Select(l => l.CustomVatRateId)], ct,
            withMeasureUnits: request.LineItems!.Any(l => l.ProductId is not null),
            withBankAccounts: request.Type == ReceivableType.Invoice && request.EntityBankAccountId is null);
        var settings = refs.Entity.Settings;
        var now = clock.GetUtcNow();
        Receivable doc = request.Type == ReceivableType.Quote
            ? new Quote
            {
                Id = Guid.NewGuid().ToString(), EntityId = entityId, Resource = Receivable.ResourceName, CreatedAt = now, UpdatedAt = now,
                Status = ReceivableStatus.Draft, Currency = request.Currency!, CounterpartId = request.CounterpartId!.Value,
                Entity = null!, EntityAddress = null!, VatMode = request.VatMode ?? settings.VatMode,
                VatInclusiveDiscountMode = settings.VatInclusiveDiscountMode, FileLanguage = "en", OriginalFileLanguage = "en",
                ExpiryDate = request.ExpiryDate, SignatureRequired = request.SignatureRequired ?? settings.QuoteSignatureRequired,
                QuoteAcceptPageUrl = request.QuoteAcceptPageUrl,
            }
            : new Invoice
            {
                Id = Guid.NewGuid().ToString(), EntityId = entityId, Resource = Receivable.ResourceName, CreatedAt = now, UpdatedAt = now,
                Status = ReceivableStatus.Draft, Currency = request.Currency!, CounterpartId = request.CounterpartId!.Value,
                Entity = null!, EntityAddress = null!, VatMode = request.VatMode ?? settings.VatMode,
                VatInclusiveDiscountMode = settings.VatInclusiveDiscountMode, FileLanguage = "en", OriginalFileLanguage = "en",
                FulfillmentDate = request.FulfillmentDate, PurchaseOrder = request.PurchaseOrder, PaymentPageUrl = request.PaymentPageUrl,
                PaymentTerms = ReceivableBuilder.PaymentTerms(refs, request.PaymentTermsId, request.PaymentTerms),
            };

        var counterpart = ReceivableBuilder.RequireCounterpart(refs, request.CounterpartId!.Value);
        ReceivableBuilder.ApplyCounterpart(doc, counterpart, request.CounterpartBillingAddressId!.Value, request.CounterpartShippingAddressId, request.CounterpartVatIdId, null);
        var bankAccountId = request.EntityBankAccountId;
        if (bankAccountId is null && doc is Invoice) bankAccountId = DefaultBankAccount(refs, doc.Currency);
        ReceivableBuilder.ApplyEntity(doc, refs, request.Entity, request.EntityVatIdId, bankAccountId);
        doc.Refs.PaymentTermsId = request.PaymentTermsId;
        if (doc is Invoice newInvoice) ReceivableBuilder.ApplyReminders(newInvoice, refs, request.PaymentReminderId, request.OverdueReminderId);
        doc.CounterpartBusinessType = request.CounterpartBusinessType;
        doc.EntityUserId = principal.EntityUserId;
        doc.DocumentId = ManualDocumentId(settings, request.DocumentId);
        doc.TradeName = request.TradeName;
        doc.Memo = request.Memo;
        doc.Footer = request.Footer;
        doc.CommercialConditionDescription = request.CommercialConditionDescription;
        doc.Discount = request.Discount is { } d ? new DiscountResponse(d.Type!.Value, d.Amount!.Value, 0) : null;
        doc.DeductionAmount = request.DeductionAmount;
        doc.DeductionMemo = request.DeductionMemo;
        doc.Deductions = request.Deductions?.Select(x => new Deduction(x.Amount!.Value, x.Name!, x.Memo)).ToList();
        doc.WithholdingTaxRate = request.WithholdingTaxRate;
        doc.VatExempt = request.VatExempt;
        doc.VatExemptionRationale = request.VatExemptionRationale;
        doc.ProjectId = request.ProjectId;
        doc.PartnerMetadata = request.PartnerMetadata;
        doc.DocumentRendering = request.DocumentRendering;
        doc.LineItems = ReceivableBuilder.Lines(request.LineItems!, refs, doc.Currency, refs.Entity.Address.Country, "line_items");
        ReceivableBuilder.Recompute(doc);
        return await CreateWithHistoryAsync(doc, principal.EntityUserId, ct);
    }

    /// <summary>A new document and its <c>receivable_created</c> event, in one batch.</summary>
    private async Task<Stored<Receivable>> CreateWithHistoryAsync(Receivable doc, Guid? actor, CancellationToken ct)
    {
        var etags = await store.CommitAsync(doc.EntityId, [new CreateWrite(doc), new CreateWrite(ReceivableHistoryRecord.Created(doc, actor, doc.CreatedAt))], ct);
        return new Stored<Receivable>(doc, etags[0]);
    }

    /// <summary>
    /// A client's own document number is honoured only in non-compliant mode (spec 5.4); in compliant mode
    /// numbers are assigned at issue, and sending one is an error rather than silently ignored.
    /// </summary>
    private static string? ManualDocumentId(EntitySettings settings, string? documentId)
    {
        if (documentId is null) return null;
        if (settings.ReceivableEditFlow != ReceivableEditFlow.NonCompliant)
            throw ValidationException.Of(["body", "document_id"], "document_id can only be set when the entity's receivable_edit_flow is non_compliant", "value_error.not_permitted");
        return documentId;
    }
}

public sealed partial class ReceivableOperations
{
    /// <summary>Never changes anything: two reads (the document, the entity).</summary>
    public async Task<VerifyResponse> VerifyAsync(Guid entityId, Guid id, CancellationToken ct)
    {
        var doc = (await GetAsync(entityId, id, ct)).Document;
        var entity = (await store.ReadAsync<Entity>(entityId, entityId.ToString(), Entity.ResourceName, ct))?.Document ?? throw EntityDirectory.NotFound(entityId);
        return Verification.Verify(doc, entity, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>The counterpart's country and type come from the query, or from the counterpart and its address.</summary>
    public async Task<RequiredFieldsResponse> RequiredFieldsAsync(Guid entityId, Guid? counterpartId, Guid? addressId, string? counterpartCountry, bool? isOrganization, CancellationToken ct)
    {
        var refs = await ReferenceSet.LoadAsync(store, entityId, [counterpartId], ct);
        if (counterpartId is { } cid)
        {
            var counterpart = ReceivableBuilder.RequireCounterpart(refs, cid);
            isOrganization ??= counterpart.Type == Counterparts.CounterpartType.Organization;
            var address = addressId is { } a
                ? counterpart.FindAddress(a) ?? throw ReceivableBuilder.NotFound("Counterpart address", a)
                : counterpart.DefaultBillingAddressId is { } d ? counterpart.FindAddress(d) : null;
            counterpartCountry ??= address?.Country;
        }
        return Verification.Required(refs.Entity.Address.Country, counterpartCountry, isOrganization);
    }
}
