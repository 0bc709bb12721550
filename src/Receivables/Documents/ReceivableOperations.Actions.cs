using Receivables.Auth;
using Receivables.Entities;
using Receivables.History;
using Receivables.Store;

namespace Receivables.Documents;

/// <summary>The invoice actions (spec 3.13) and the quote actions (spec 3.14).</summary>
public sealed partial class ReceivableOperations
{
    public Task<Stored<Receivable>> MarkAsPaidAsync(ApiPrincipal principal, Guid entityId, Guid id, MarkAsPaidRequest? request, string? ifMatch, CancellationToken ct) =>
        InvoiceActionAsync(principal, entityId, id, ifMatch, LifecycleAction.MarkAsPaid, request?.Comment,
            (account, now, today) => account.MarkAsPaid(request?.PaidAt?.ToUniversalTime() ?? now, today), ct);

    public Task<Stored<Receivable>> MarkAsPartiallyPaidAsync(ApiPrincipal principal, Guid entityId, Guid id, MarkAsPartiallyPaidRequest request, string? ifMatch, CancellationToken ct) =>
        InvoiceActionAsync(principal, entityId, id, ifMatch, LifecycleAction.MarkAsPartiallyPaid, request.Comment,
            (account, now, today) => account.MarkAsPartiallyPaid(request.AmountPaid!.Value, now, today), ct);

    public Task<Stored<Receivable>> MarkAsUncollectibleAsync(ApiPrincipal principal, Guid entityId, Guid id, CommentRequest? request, string? ifMatch, CancellationToken ct) =>
        InvoiceActionAsync(principal, entityId, id, ifMatch, LifecycleAction.MarkAsUncollectible, request?.Comment,
            (account, _, _) => new PaymentOutcome(account.MarkAsUncollectible(), 0, 0), ct);

    /// <summary>
    /// One invoice action: the table is checked for the document's own type first (an invoice action on a quote is
    /// refused naming its status), then the account moves; a payment and a status change each leave a history event.
    /// </summary>
    private Task<Stored<Receivable>> InvoiceActionAsync(ApiPrincipal principal, Guid entityId, Guid id, string? ifMatch, LifecycleAction action,
        string? comment, Func<InvoiceAccount, DateTimeOffset, DateOnly, PaymentOutcome> act, CancellationToken ct) =>
        ActAsync(entityId, id, ifMatch, reads =>
        {
            var doc = reads.Current.Document;
            Transitions.Require(doc.Type, doc.Status, action);
            var invoice = (Invoice)doc;
            var now = clock.GetUtcNow();
            var old = invoice.Status;
            var outcome = act(AccountOf(invoice), now, DateOnly.FromDateTime(now.UtcDateTime));
            Apply(invoice, outcome.Account, now);
            invoice.Comment = comment ?? invoice.Comment;
            invoice.UpdatedAt = now;
            var revised = ReviseIfPaid(invoice, old, reads.Entity);
            var writes = new List<BatchWrite> { new ReplaceWrite(invoice, reads.Current.ETag) };
            if (action is LifecycleAction.MarkAsPaid or LifecycleAction.MarkAsPartiallyPaid)
                writes.Add(new CreateWrite(ReceivableHistoryRecord.PaymentReceived(invoice, outcome.Applied, invoice.AmountDue, comment, principal.EntityUserId, now, revised)));
            if (old != invoice.Status) writes.Add(new CreateWrite(ReceivableHistoryRecord.StatusChanged(invoice, old, invoice.Status, principal.EntityUserId, now)));
            return Task.FromResult(new BatchPlan<Stored<Receivable>>(writes, etags => new(invoice, etags[0])));
        }, ct);

    /// <summary>
    /// A payment that settled the invoice makes a new PDF revision (showing it paid) when the entity's
    /// <c>generate_paid_invoice_pdf</c> is on (spec 3.15, 6.7). True when it did.
    /// </summary>
    internal static bool ReviseIfPaid(Invoice invoice, ReceivableStatus before, Entity entity)
    {
        if (before == ReceivableStatus.Paid || invoice.Status != ReceivableStatus.Paid || !entity.Settings.GeneratePaidInvoicePdf) return false;
        invoice.Pdf.Revise();
        return true;
    }

    /// <summary>
    /// <c>cancel</c>: in compliant mode a credit note for everything still due is created and issued (numbered, not
    /// sent) in the same batch; refused while a draft credit note exists, so two credit notes never race for the rest.
    /// </summary>
    public Task CancelAsync(ApiPrincipal principal, Guid entityId, Guid id, string? ifMatch, CancellationToken ct) =>
        ActAsync(entityId, id, ifMatch, async reads =>
        {
            var doc = reads.Current.Document;
            Transitions.Require(doc.Type, doc.Status, LifecycleAction.Cancel,
                doc.Status == ReceivableStatus.PartiallyPaid ? "settle the rest with a credit note instead" : null);
            var invoice = (Invoice)doc;
            if (await HasDraftCreditNoteAsync(invoice, ct))
                throw new BusinessRuleException("This invoice has a draft credit note: issue or delete it before canceling the invoice");

            var now = clock.GetUtcNow();
            var actor = principal.EntityUserId;
            var old = invoice.Status;
            var compliant = reads.Entity.Settings.ReceivableEditFlow != ReceivableEditFlow.NonCompliant;
            var (account, credit) = AccountOf(invoice).Cancel(compliant, now);
            var writes = new List<BatchWrite>();
            if (credit > 0)
            {
                var creditNote = CreditNoteForRest(invoice, credit, principal, now);
                writes.Add(TakeNumber(reads, creditNote, now));
                writes.Add(new CreateWrite(creditNote));
                writes.Add(new CreateWrite(ReceivableHistoryRecord.Created(creditNote, actor, now)));
                writes.Add(new CreateWrite(ReceivableHistoryRecord.StatusChanged(creditNote, ReceivableStatus.Draft, ReceivableStatus.Issued, actor, now)));
                writes.Add(new CreateWrite(ReceivableHistoryRecord.BasedOnCreated(invoice, creditNote, ReceivableType.CreditNote, actor, now)));
                invoice.RelatedDocuments.CreditNoteIds.Add(Guid.Parse(creditNote.Id));
            }
            Apply(invoice, account, now);
            invoice.UpdatedAt = now;
            writes.Insert(0, new ReplaceWrite(invoice, reads.Current.ETag));
            writes.Add(new CreateWrite(ReceivableHistoryRecord.StatusChanged(invoice, old, invoice.Status, actor, now)));
            return new BatchPlan<bool>(writes, _ => true);
        }, ct);

    /// <summary>
    /// The issued credit note a cancel creates, for exactly <paramref name="credit"/>: the invoice's own lines when they
    /// add up to it (nothing was paid, credited or deducted), else one line per VAT rate of the invoice carrying that
    /// rate's share of the rest, VAT included, so the credit note's total is the rest to the cent.
    /// </summary>
    private static CreditNote CreditNoteForRest(Invoice invoice, long credit, ApiPrincipal principal, DateTimeOffset now)
    {
        var creditNote = CopyCommon(invoice, NewCreditNote(invoice, now), principal);
        creditNote.Status = ReceivableStatus.Issued;
        creditNote.IssueDate = now;
        creditNote.Pdf.Revise();
        ReceivableBuilder.Recompute(creditNote);
        if (creditNote.TotalAmount == credit) return creditNote;

        var groups = invoice.TotalVatAmounts.Where(g => g.TaxableAmount + g.Amount > 0).ToList();
        var shares = Domain.Totals.Allocation.LargestRemainder(credit, groups.Select(g => g.TaxableAmount + g.Amount).ToList());
        creditNote.VatMode = VatMode.Inclusive;
        creditNote.Discount = null;
        creditNote.Deductions = null;
        creditNote.DeductionAmount = null;
        creditNote.WithholdingTaxRate = null;
        creditNote.LineItems = groups.Select((g, i) =>
        {
            var rate = invoice.LineItems.First(l => l.Product.VatRate.Value == g.Value && l.Product.VatRate.Id == g.Id).Product.VatRate;
            var price = new Price(invoice.Currency, shares[i]);
            var product = new LineItemProduct(Guid.NewGuid(), $"Rest of invoice {invoice.DocumentId} ({g.Value / 100m:0.##} % VAT)", price, price, rate,
                null, null, null, ProductServiceType.Service, null, IsInline: true, null, null);
            return new ResponseItem(1, product, null, 0, 0);
        }).Where(l => l.Product.Price.Value > 0).ToList();
        ReceivableBuilder.Recompute(creditNote);
        if (creditNote.TotalAmount != credit)
            throw new BusinessRuleException($"The credit note for the rest ({credit}) cannot be built to the cent from this invoice's VAT rates; create and issue a credit note by hand");
        return creditNote;
    }

    /// <summary>issued → accepted; the draft invoice based on the quote is created in the same batch (spec 3.14).</summary>
    public Task AcceptAsync(ApiPrincipal principal, Guid entityId, Guid id, AcceptQuoteRequest? request, string? ifMatch, CancellationToken ct) =>
        ActAsync(entityId, id, ifMatch, reads =>
        {
            var doc = reads.Current.Document;
            Transitions.Require(doc.Type, doc.Status, LifecycleAction.Accept);
            var quote = (Quote)doc;
            var now = clock.GetUtcNow();
            var actor = principal.EntityUserId;
            var old = quote.Status;
            quote.Status = QuoteRules.Accept(old, quote.SignatureRequired, request?.Signature is not null);
            if (request?.Signature is { } s)
            {
                quote.Signature = new QuoteSignature(s.Email!, s.FullName!, s.SignatureImage!, now);
                // The accepted quote's PDF shows the signature: a new revision (spec 3.14).
                quote.Pdf.Revise();
            }
            quote.UpdatedAt = now;
            var invoice = InvoiceFrom(quote, principal, now);
            var writes = new List<BatchWrite>
            {
                new ReplaceWrite(quote, reads.Current.ETag),
                new CreateWrite(invoice),
                new CreateWrite(ReceivableHistoryRecord.Created(invoice, actor, now)),
                new CreateWrite(ReceivableHistoryRecord.StatusChanged(quote, old, quote.Status, actor, now)),
                new CreateWrite(ReceivableHistoryRecord.BasedOnCreated(quote, invoice, ReceivableType.Invoice, actor, now)),
            };
            return Task.FromResult(new BatchPlan<bool>(writes, _ => true));
        }, ct);

    /// <summary>issued → declined, with the customer's reason in <c>comment</c>.</summary>
    public Task DeclineAsync(ApiPrincipal principal, Guid entityId, Guid id, CommentRequest? request, string? ifMatch, CancellationToken ct) =>
        ActAsync(entityId, id, ifMatch, reads =>
        {
            var doc = reads.Current.Document;
            Transitions.Require(doc.Type, doc.Status, LifecycleAction.Decline);
            var quote = (Quote)doc;
            var now = clock.GetUtcNow();
            var old = quote.Status;
            quote.Status = QuoteRules.Decline(old);
            quote.Comment = request?.Comment ?? quote.Comment;
            quote.UpdatedAt = now;
            var writes = new List<BatchWrite>
            {
                new ReplaceWrite(quote, reads.Current.ETag),
                new CreateWrite(ReceivableHistoryRecord.StatusChanged(quote, old, quote.Status, principal.EntityUserId, now)),
            };
            return Task.FromResult(new BatchPlan<bool>(writes, _ => true));
        }, ct);
}
