using Microsoft.Azure.Cosmos;
using Receivables.Api;
using Receivables.Auth;
using Receivables.History;
using Receivables.Store;

namespace Receivables.Documents;

/// <summary>Documents made from another (spec 3.3.3): an invoice from a quote, a credit note from an invoice.</summary>
public sealed partial class ReceivableOperations
{
    private static readonly ReceivableStatus[] InvoiceableQuoteStatuses = [ReceivableStatus.Issued, ReceivableStatus.Accepted];

    private async Task<Stored<Receivable>> CreateBasedOnAsync(ApiPrincipal principal, Guid entityId, ReceivableType type, Guid basedOn, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var source = await store.ReadAsync<Receivable>(entityId, basedOn.ToString(), Receivable.ResourceName, ct) ?? throw NotFound(basedOn);
            try
            {
                return type == ReceivableType.CreditNote
                    ? await CreditNoteFromAsync(principal, source, ct)
                    : await InvoiceFromAsync(principal, source, ct);
            }
            catch (ConcurrencyConflictException)
            {
                // The source changed (another credit note, a payment) between the checks and the write: check again.
                if (attempt >= Contention.MaxAttempts) throw Contention.Exhausted($"receivable {basedOn}", basedOn.ToString());
                await Contention.BackoffAsync(attempt, ct);
            }
        }
    }

    private async Task<Stored<Receivable>> InvoiceFromAsync(ApiPrincipal principal, Stored<Receivable> source, CancellationToken ct)
    {
        if (source.Document is not Quote quote)
            throw new BusinessRuleException($"An invoice can only be based on a quote; {source.Document.Id} is a {source.Document.Type.Wire()}");
        if (!InvoiceableQuoteStatuses.Contains(quote.Status))
            throw new BusinessRuleException($"An invoice can be made from an issued or accepted quote; this quote is {quote.Status.Wire()}");
        var now = clock.GetUtcNow();
        var invoice = InvoiceFrom(quote, principal, now);
        var etags = await store.CommitAsync(invoice.EntityId,
        [
            new CreateWrite(invoice),
            new CreateWrite(ReceivableHistoryRecord.Created(invoice, principal.EntityUserId, now)),
            new CreateWrite(ReceivableHistoryRecord.BasedOnCreated(quote, invoice, ReceivableType.Invoice, principal.EntityUserId, now)),
        ], ct);
        return new Stored<Receivable>(invoice, etags[0]);
    }

    /// <summary>A draft invoice with the quote's parties, lines and amounts (made by accept, or by a create based on the quote).</summary>
    private static Invoice InvoiceFrom(Quote quote, ApiPrincipal principal, DateTimeOffset now)
    {
        var invoice = CopyCommon(quote, new Invoice
        {
            Id = Guid.NewGuid().ToString(), EntityId = quote.EntityId, Resource = Receivable.ResourceName, CreatedAt = now,
            UpdatedAt = now, Status = ReceivableStatus.Draft, Currency = quote.Currency, CounterpartId = quote.CounterpartId,
            Entity = quote.Entity, EntityAddress = quote.EntityAddress, VatMode = quote.VatMode, VatInclusiveDiscountMode = quote.VatInclusiveDiscountMode,
            FileLanguage = quote.FileLanguage, OriginalFileLanguage = quote.OriginalFileLanguage,
        }, principal);
        ReceivableBuilder.Recompute(invoice);
        return invoice;
    }

    /// <summary>
    /// A draft credit note pre-filled with the invoice's lines. At most one draft per invoice: the invoice is
    /// written back unchanged in the same batch, so two concurrent creates cannot both pass the check.
    /// </summary>
    private async Task<Stored<Receivable>> CreditNoteFromAsync(ApiPrincipal principal, Stored<Receivable> source, CancellationToken ct)
    {
        if (source.Document is not Invoice invoice)
            throw new BusinessRuleException($"A credit note can only be based on an invoice; {source.Document.Id} is a {source.Document.Type.Wire()}");
        AccountOf(invoice).RequireCreditable();
        if (await HasDraftCreditNoteAsync(invoice, ct))
            throw new BusinessRuleException("This invoice already has a draft credit note; edit or delete it first");

        var now = clock.GetUtcNow();
        var creditNote = CopyCommon(invoice, NewCreditNote(invoice, now), principal);
        ReceivableBuilder.Recompute(creditNote);
        var etags = await store.CommitAsync(invoice.EntityId,
        [
            new ReplaceWrite(invoice, source.ETag),
            new CreateWrite(creditNote),
            new CreateWrite(ReceivableHistoryRecord.Created(creditNote, principal.EntityUserId, now)),
            new CreateWrite(ReceivableHistoryRecord.BasedOnCreated(invoice, creditNote, ReceivableType.CreditNote, principal.EntityUserId, now)),
        ], ct);
        return new Stored<Receivable>(creditNote, etags[1]);
    }

    private static CreditNote NewCreditNote(Invoice invoice, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid().ToString(), EntityId = invoice.EntityId, Resource = Receivable.ResourceName, CreatedAt = now,
        UpdatedAt = now, Status = ReceivableStatus.Draft, Currency = invoice.Currency, CounterpartId = invoice.CounterpartId,
        Entity = invoice.Entity, EntityAddress = invoice.EntityAddress, VatMode = invoice.VatMode, VatInclusiveDiscountMode = invoice.VatInclusiveDiscountMode,
        FileLanguage = invoice.FileLanguage, OriginalFileLanguage = invoice.OriginalFileLanguage, PurchaseOrder = invoice.PurchaseOrder,
        IsEinvoice = invoice.IsEinvoice,
    };

    /// <summary>
    /// Whether the invoice has a draft credit note. A plain (not aggregate) single-partition query runs without a query
    /// plan: one round trip. The invoice is written in the batch that follows, so a concurrent draft is caught there.
    /// </summary>
    private async Task<bool> HasDraftCreditNoteAsync(Invoice invoice, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT TOP 1 VALUE c.id FROM c WHERE c.resource = @r AND c.type = 'credit_note' AND c.based_on = @id AND c.status = 'draft'")
            .WithParameter("@r", Receivable.ResourceName).WithParameter("@id", invoice.Id);
        var (ids, _) = await store.QueryPageAsync<string>(query, invoice.EntityId, 1, null, ct);
        return ids.Count > 0;
    }

    /// <summary>What a document made from another takes over: parties, lines and amounts, not numbers or dates.</summary>
    private static T CopyCommon<T>(Receivable source, T target, ApiPrincipal principal) where T : Receivable
    {
        target.BasedOn = Guid.Parse(source.Id);
        target.BasedOnDocumentId = source.DocumentId;
        target.CounterpartType = source.CounterpartType;
        target.CounterpartName = source.CounterpartName;
        target.CounterpartBusinessType = source.CounterpartBusinessType;
        target.CounterpartTaxId = source.CounterpartTaxId;
        target.CounterpartExternalReference = source.CounterpartExternalReference;
        target.CounterpartBillingAddress = source.CounterpartBillingAddress;
        target.CounterpartShippingAddress = source.CounterpartShippingAddress;
        target.CounterpartContact = source.CounterpartContact;
        target.CounterpartVatId = source.CounterpartVatId;
        target.EntityBankAccount = source.EntityBankAccount;
        target.EntityVatId = source.EntityVatId;
        target.EntityUserId = principal.EntityUserId;
        target.TradeName = source.TradeName;
        target.LineItems = [.. source.LineItems];
        target.Discount = source.Discount;
        target.DeductionAmount = source.DeductionAmount;
        target.DeductionMemo = source.DeductionMemo;
        target.Deductions = source.Deductions is null ? null : [.. source.Deductions];
        target.WithholdingTaxRate = source.WithholdingTaxRate;
        target.VatExempt = source.VatExempt;
        target.VatExemptionRationale = source.VatExemptionRationale;
        target.Memo = source.Memo;
        target.Footer = source.Footer;
        target.CommercialConditionDescription = source.CommercialConditionDescription;
        target.ProjectId = source.ProjectId;
        target.PartnerMetadata = source.PartnerMetadata;
        target.DocumentRendering = source.DocumentRendering;
        target.Refs = new References
        {
            CounterpartBillingAddressId = source.Refs.CounterpartBillingAddressId, CounterpartShippingAddressId = source.Refs.CounterpartShippingAddressId,
            CounterpartVatIdId = source.Refs.CounterpartVatIdId, ContactId = source.Refs.ContactId, EntityBankAccountId = source.Refs.EntityBankAccountId,
            EntityVatIdId = source.Refs.EntityVatIdId, PaymentTermsId = source.Refs.PaymentTermsId,
        };
        return target;
    }
}
