using System.Text.Json;
using Receivables.Api;
using Receivables.Store;

namespace Receivables.History;

/// <summary>
/// One event in a receivable's history (spec 3.15), stored next to the receivable in its entity's partition and
/// written in the same TransactionalBatch as the change it records, so history and document never disagree.
/// </summary>
public sealed class ReceivableHistoryRecord : StoredDocument
{
    public const string ResourceName = "receivable_history";

    public required Guid ReceivableId { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required string EventType { get; init; }
    public required JsonElement EventData { get; init; }
    public Guid? EntityUserId { get; init; }
    /// <summary>A link to <see cref="PdfRevision"/>'s file, set for the answer once that revision is stored.</summary>
    public string? CurrentPdfUrl { get; set; }

    /// <summary>
    /// The document's PDF revision current right after this event, for the events that show one (spec 3.15): creation,
    /// updates, status changes, and a payment that made a paid PDF. Null for drafts (they have no PDF) and other events.
    /// </summary>
    [StorageOnly]
    public int? PdfRevision { get; init; }

    public static class EventTypes
    {
        public const string ReceivableCreated = "receivable_created";
        public const string ReceivableUpdated = "receivable_updated";
        public const string StatusChanged = "status_changed";
        public const string BasedOnReceivableCreated = "based_on_receivable_created";
        public const string PaymentReceived = "payment_received";
        public const string MailSent = "mail_sent";
        public const string PaymentReminderMailSent = "payment_reminder_mail_sent";
        public const string OverdueReminderMailSent = "overdue_reminder_mail_sent";

        public static readonly string[] All = [ReceivableCreated, ReceivableUpdated, StatusChanged, BasedOnReceivableCreated, PaymentReceived, MailSent, PaymentReminderMailSent, OverdueReminderMailSent];
    }

    public static ReceivableHistoryRecord Created(StoredDocument receivable, Guid? entityUserId, DateTimeOffset at) =>
        New(receivable, EventTypes.ReceivableCreated, new { }, entityUserId, at);

    public static ReceivableHistoryRecord Updated(StoredDocument receivable, Guid? entityUserId, DateTimeOffset at) =>
        New(receivable, EventTypes.ReceivableUpdated, new { }, entityUserId, at);

    /// <param name="pdfRevision">The PDF revision current after the change, for a caller that holds no whole document (the sweep).</param>
    public static ReceivableHistoryRecord StatusChanged(StoredDocument receivable, ReceivableStatus oldStatus, ReceivableStatus newStatus, Guid? entityUserId, DateTimeOffset at, int? pdfRevision = null) =>
        New(receivable, EventTypes.StatusChanged, new StatusChangedData(oldStatus, newStatus), entityUserId, at, revision: pdfRevision);

    public static ReceivableHistoryRecord BasedOnCreated(StoredDocument receivable, StoredDocument created, ReceivableType type, Guid? entityUserId, DateTimeOffset at) =>
        New(receivable, EventTypes.BasedOnReceivableCreated, new BasedOnCreatedData(Guid.Parse(created.Id), type), entityUserId, at);

    /// <param name="amountPaid">This payment (negative for a refund), not the running total.</param>
    /// <param name="amountDue">What remains due after it.</param>
    /// <param name="revisedPdf">The payment made a new PDF revision (a paid invoice with <c>generate_paid_invoice_pdf</c>).</param>
    public static ReceivableHistoryRecord PaymentReceived(StoredDocument receivable, long amountPaid, long amountDue, string? comment, Guid? entityUserId, DateTimeOffset at, bool revisedPdf = false) =>
        New(receivable, EventTypes.PaymentReceived, new PaymentReceivedData(amountPaid, amountDue, comment), entityUserId, at, showsPdf: revisedPdf);

    private static ReceivableHistoryRecord New(StoredDocument receivable, string eventType, object data, Guid? entityUserId, DateTimeOffset at,
        bool? showsPdf = null, int? revision = null) => new()
    {
        PdfRevision = revision ?? (receivable is Documents.Receivable { IsDraft: false } doc
                      && (showsPdf ?? eventType is EventTypes.ReceivableCreated or EventTypes.ReceivableUpdated or EventTypes.StatusChanged)
            ? Pdfs.ReceivablePdfs.RevisionOf(doc)
            : null),
        Id = HistoryIds.Next(at).ToString(),
        EntityId = receivable.EntityId,
        Resource = ResourceName,
        ReceivableId = Guid.Parse(receivable.Id),
        Timestamp = at,
        EventType = eventType,
        EventData = JsonSerializer.SerializeToElement(data, data.GetType(), ApiJson.Options),
        EntityUserId = entityUserId,
    };

    private sealed record StatusChangedData(ReceivableStatus OldStatus, ReceivableStatus NewStatus);

    private sealed record BasedOnCreatedData(Guid ReceivableId, ReceivableType Type);

    private sealed record PaymentReceivedData(long AmountPaid, long AmountDue, string? Comment);
}
