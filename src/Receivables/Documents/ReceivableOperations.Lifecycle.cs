using Receivables.Auth;
using Receivables.Domain.Numbering;
using Receivables.Domain.Totals;
using Receivables.Entities;
using Receivables.History;
using Receivables.Store;

namespace Receivables.Documents;

/// <summary>What an action read before deciding, in one query: the document, its entity, the entity's number counters.</summary>
internal sealed record ActionReads(Stored<Receivable> Current, Entity Entity, Stored<DocumentNumbering>? Numbering);

/// <summary>
/// Status changes (spec 3.10, 3.13, 3.14, 5.1-5.3): issue, the invoice actions, the quote actions. Each reads what it
/// needs in one query, lets the domain decide, and writes the document, its history and every side effect (the number
/// counter, the credit note a cancel creates, the invoice a quote's acceptance creates) in one TransactionalBatch.
/// </summary>
public sealed partial class ReceivableOperations
{
    /// <summary>
    /// One action: the document, its entity and the entity's number counter in one query, the decision, then one batch
    /// (the acted-on document first). Issues of one entity all move its counter, so under a burst they queue behind each
    /// other: the bound on attempts is high.
    /// </summary>
    internal Task<T> ActAsync<T>(Guid entityId, Guid id, string? ifMatch, Func<ActionReads, Task<BatchPlan<T>>> decide, CancellationToken ct) =>
        store.DecideAndCommitAsync(entityId, id.ToString(), ifMatch, [id.ToString(), entityId.ToString(), DocumentNumbering.DocumentId], async set =>
        {
            var current = DocumentStore.Typed<Receivable>(set, id.ToString(), Receivable.ResourceName) ?? throw NotFound(id);
            var entity = DocumentStore.Typed<Entity>(set, entityId.ToString(), Entity.ResourceName)?.Document ?? throw EntityDirectory.NotFound(entityId);
            var numbering = DocumentStore.Typed<DocumentNumbering>(set, DocumentNumbering.DocumentId, DocumentNumbering.ResourceName);
            return await decide(new ActionReads(current, entity, numbering));
        }, ct);

    /// <summary>
    /// draft → issued: verify, number, dates, amounts; a credit note also credits its invoice in the same batch. The
    /// document's PDF revision 1 is made; once the batch committed its files are rendered and stored within a bounded
    /// budget (never failing the issue: what is left is done by the next <c>pdf_link</c> or the sweep).
    /// </summary>
    public async Task<Stored<Receivable>> IssueAsync(ApiPrincipal principal, Guid entityId, Guid id, string? ifMatch, CancellationToken ct)
    {
        var (issued, entity) = await ActAsync(entityId, id, ifMatch, async reads =>
        {
            var doc = reads.Current.Document;
            var old = doc.Status;
            Transitions.Require(doc.Type, old, LifecycleAction.Issue, old == ReceivableStatus.Draft ? null : "only drafts are issued");
            if (Verification.Verify(doc, reads.Entity, Today()).Errors is { } errors)
                throw new BusinessRuleException($"The {doc.Type.Wire().Replace('_', ' ')} cannot be issued until this is fixed: {Verification.Describe(errors)}");

            var now = clock.GetUtcNow();
            var actor = principal.EntityUserId;
            var writes = new List<BatchWrite>();
            doc.IssueDate = now;
            doc.UpdatedAt = now;
            var numbered = reads.Entity.Settings.ReceivableEditFlow == ReceivableEditFlow.NonCompliant && doc.DocumentId is not null
                ? null
                : TakeNumber(reads, doc, now);
            switch (doc)
            {
                case Invoice invoice:
                    invoice.DueDate = DueDate(invoice, now);
                    Apply(invoice, InvoiceAccount.Issue(old, invoice.TotalAmount, invoice.AmountDue, invoice.DueDate), now);
                    break;
                case CreditNote creditNote:
                    doc.Status = ReceivableStatus.Issued;
                    await CreditInvoiceAsync(creditNote, writes, actor, now, ct);
                    break;
                default:
                    doc.Status = Transitions.Require(doc.Type, old, LifecycleAction.Issue).To!.Value;
                    break;
            }
            if (doc.Pdf.Current == 0) doc.Pdf.Revise();
            writes.Insert(0, new ReplaceWrite(doc, reads.Current.ETag));
            if (numbered is not null) writes.Add(numbered);
            writes.Add(new CreateWrite(ReceivableHistoryRecord.StatusChanged(doc, old, doc.Status, actor, now)));
            return new BatchPlan<(Stored<Receivable>, Entity)>(writes, etags => (new(doc, etags[0]), reads.Entity));
        }, ct);
        return await pdfs.TryRenderAfterChangeAsync(issued, entity, ct);
    }

    /// <summary>An issued credit note takes its total off its invoice (spec 5.3): that invoice is replaced in the same batch.</summary>
    private async Task CreditInvoiceAsync(CreditNote creditNote, List<BatchWrite> writes, Guid? actor, DateTimeOffset now, CancellationToken ct)
    {
        var invoiceId = creditNote.BasedOn ?? throw new BusinessRuleException("This credit note is not based on an invoice");
        var stored = await store.ReadAsync<Receivable>(creditNote.EntityId, invoiceId.ToString(), Receivable.ResourceName, ct);
        if (stored?.Document is not Invoice invoice) throw new BusinessRuleException($"The invoice {invoiceId} this credit note is based on no longer exists");
        var before = invoice.Status;
        Apply(invoice, AccountOf(invoice).ApplyCreditNote(creditNote.TotalAmount, now), now);
        invoice.RelatedDocuments.CreditNoteIds.Add(Guid.Parse(creditNote.Id));
        invoice.UpdatedAt = now;
        writes.Add(new ReplaceWrite(invoice, stored.ETag));
        if (before != invoice.Status) writes.Add(new CreateWrite(ReceivableHistoryRecord.StatusChanged(invoice, before, invoice.Status, actor, now)));
    }

    /// <summary>The next number of the document's type, formatted by the entity's settings; the counter's write joins the batch.</summary>
    private static BatchWrite TakeNumber(ActionReads reads, Receivable doc, DateTimeOffset now)
    {
        var numbering = reads.Numbering?.Document ?? DocumentNumbering.New(doc.EntityId);
        var ids = reads.Entity.Settings.DocumentIds;
        var typePrefix = doc.Type switch
        {
            ReceivableType.Invoice => ids.DocumentTypePrefix.Invoice,
            ReceivableType.Quote => ids.DocumentTypePrefix.Quote,
            _ => ids.DocumentTypePrefix.CreditNote,
        };
        doc.DocumentId = new DocumentNumberFormat(typePrefix, ids.Prefix, ids.Separator, ids.IncludeDate, ids.MinDigits)
            .Format(numbering.Counters.Take(doc.Type.Wire()), now.UtcDateTime.Year);
        return reads.Numbering is { } existing ? new ReplaceWrite(numbering, existing.ETag) : new CreateWrite(numbering);
    }

    /// <summary><c>due_date</c> = the issue day plus <c>term_final.number_of_days</c>, or <c>term_final.end_date</c> (spec 5.8).</summary>
    private static DateOnly? DueDate(Invoice invoice, DateTimeOffset issuedAt) =>
        invoice.PaymentTerms?.TermFinal is { } final
            ? final.EndDate ?? DateOnly.FromDateTime(issuedAt.UtcDateTime).AddDays(final.NumberOfDays ?? 0)
            : invoice.DueDate;

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    internal static InvoiceAccount AccountOf(Invoice i) => new(i.Status, i.AmountDue, i.AmountPaid, i.TotalAmountWithCreditNotes, i.DueDate, i.PaidAt);

    /// <summary>Copies the account onto the invoice and recomputes <c>amount_to_pay</c> for <paramref name="now"/>.</summary>
    internal static void Apply(Invoice invoice, InvoiceAccount account, DateTimeOffset now)
    {
        invoice.Status = account.Status;
        invoice.AmountDue = account.AmountDue;
        invoice.AmountPaid = account.AmountPaid;
        invoice.TotalAmountWithCreditNotes = account.TotalAmountWithCreditNotes;
        invoice.PaidAt = account.PaidAt;
        invoice.AmountToPay = AmountToPayOf(invoice, DateOnly.FromDateTime(now.UtcDateTime));
    }

    /// <summary><c>amount_to_pay</c> (spec 5.8): the amount due less the early-payment discount that applies today.</summary>
    internal static long AmountToPayOf(Invoice invoice, DateOnly today) => AmountToPayOf(invoice.AmountDue, invoice.IssueDate, invoice.PaymentTerms, today);

    /// <summary>The same from the stored fields alone (the sweep reads no whole documents).</summary>
    internal static long AmountToPayOf(long amountDue, DateTimeOffset? issueDate, PaymentTermsSnapshot? terms, DateOnly today)
    {
        if (issueDate is not { } issued || terms is null) return amountDue;
        static PaymentTermTier? Tier(PaymentTermDiscountSnapshot? t) => t is null ? null : new PaymentTermTier(t.Discount, t.NumberOfDays, t.EndDate);
        return AmountToPay.Compute(amountDue, DateOnly.FromDateTime(issued.UtcDateTime), Tier(terms.Term1), Tier(terms.Term2), today);
    }
}
