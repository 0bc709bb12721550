using Receivables.Api;
using Receivables.Auth;
using Receivables.Documents;
using Receivables.History;
using Receivables.Store;

namespace Receivables.Payments;

/// <summary>Payment records: a succeeded one moves its invoice's amounts and status in the same batch (spec 5.9, 6.9).</summary>
public sealed class PaymentRecordOperations(ReceivableOperations receivables, DocumentStore store, ListReader lists, TimeProvider clock)
{
    public Task<Stored<PaymentRecord>> CreateAsync(ApiPrincipal principal, Guid entityId, CreatePaymentRecordRequest request, CancellationToken ct) =>
        receivables.ActAsync(entityId, request.PaidObject!.Id!.Value, null, reads =>
        {
            var doc = reads.Current.Document;
            var status = request.Status ?? PaymentRecordStatus.Succeeded;
            var now = clock.GetUtcNow();
            var actor = request.EntityUserId ?? principal.EntityUserId;
            if (doc is not Invoice invoice) throw new TransitionRefusedException(doc.Type, doc.Status, LifecycleAction.RegisterPayment, "payments are recorded against invoices");
            if (request.Currency != invoice.Currency)
                throw ValidationException.Of(["body", "currency"], $"the payment's currency {request.Currency} differs from the invoice's {invoice.Currency}", "value_error.currency_mismatch");
            var old = invoice.Status;
            var writes = new List<BatchWrite>();
            long overpaid = 0;
            if (status == PaymentRecordStatus.Succeeded)
            {
                var outcome = ReceivableOperations.AccountOf(invoice).RegisterPayment(request.Amount!.Value, request.PaidAt?.ToUniversalTime() ?? now, DateOnly.FromDateTime(now.UtcDateTime));
                ReceivableOperations.Apply(invoice, outcome.Account, now);
                invoice.UpdatedAt = now;
                var revised = ReceivableOperations.ReviseIfPaid(invoice, old, reads.Entity);
                overpaid = outcome.Overpaid;
                writes.Add(new ReplaceWrite(invoice, reads.Current.ETag));
                writes.Add(new CreateWrite(ReceivableHistoryRecord.PaymentReceived(invoice, outcome.Applied, invoice.AmountDue, null, actor, now, revised)));
                if (old != invoice.Status) writes.Add(new CreateWrite(ReceivableHistoryRecord.StatusChanged(invoice, old, invoice.Status, actor, now)));
            }
            else
            {
                // A planned or processing payment changes nothing yet, but may only name an invoice that takes payments.
                Transitions.Require(invoice.Type, invoice.Status, LifecycleAction.RegisterPayment);
            }
            var record = new PaymentRecord
            {
                Id = Guid.NewGuid().ToString(), EntityId = entityId, Resource = PaymentRecord.ResourceName, CreatedAt = now,
                Amount = request.Amount!.Value, Currency = request.Currency!, EntityUserId = actor,
                History = [new PaymentRecordHistoryItem(status, now, actor)],
                PaidObject = new PaymentRecordObject(Guid.Parse(invoice.Id), PaymentObjectType.Receivable, old, invoice.Status),
                OverpaidAmount = overpaid, PaidAt = status == PaymentRecordStatus.Succeeded ? request.PaidAt?.ToUniversalTime() ?? now : request.PaidAt?.ToUniversalTime(),
                PaymentIntentId = request.PaymentIntentId, PaymentIntentStatus = request.PaymentIntentStatus, PaymentMethod = request.PaymentMethod,
                PlannedPaymentDate = request.PlannedPaymentDate, Status = status,
            };
            // The record goes first: its ETag is the answer's.
            writes.Insert(0, new CreateWrite(record));
            return Task.FromResult(new BatchPlan<Stored<PaymentRecord>>(writes, etags => new(record, etags[0])));
        }, ct);

    public async Task<Stored<PaymentRecord>> GetAsync(Guid entityId, Guid id, CancellationToken ct) =>
        await store.ReadAsync<PaymentRecord>(entityId, id.ToString(), PaymentRecord.ResourceName, ct)
        ?? throw new ResourceNotFoundException($"Payment record {id} was not found");

    /// <summary>One page of <see cref="PaymentRecordList"/>, in one query on the entity's partition.</summary>
    public Task<Page<PaymentRecord>> ListAsync(ListRequest list, CancellationToken ct) => lists.PageAsync<PaymentRecord>(list, ct);
}
