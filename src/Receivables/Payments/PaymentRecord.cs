using Receivables.Store;

namespace Receivables.Payments;

public enum PaymentRecordStatus { Created, Processing, Succeeded, Canceled }

public enum PaymentObjectType { Receivable, Payable }

/// <summary>
/// A payment against a receivable (spec 6.9), as stored and returned. Written in the same batch as the invoice it
/// moves, so a record and its effect never exist without each other.
/// </summary>
public sealed class PaymentRecord : StoredDocument
{
    public const string ResourceName = "payment_record";

    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public Guid? EntityUserId { get; init; }
    public List<PaymentRecordHistoryItem> History { get; init; } = [];
    public bool IsExternal { get; init; } = true;
    [System.Text.Json.Serialization.JsonPropertyName("object")]
    public required PaymentRecordObject PaidObject { get; init; }
    public long OverpaidAmount { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public Guid? PaymentIntentId { get; init; }
    public string? PaymentIntentStatus { get; init; }
    public string? PaymentMethod { get; init; }
    public DateOnly? PlannedPaymentDate { get; init; }
    public PaymentRecordStatus Status { get; init; }

    [StorageOnly]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Derived on every write, never read back: what the list sorts on (<see cref="PaymentRecordListing"/>).</summary>
    [StorageOnly]
    public PaymentRecordListing Listing => PaymentRecordListing.Of(this);
}

/// <summary>The document paid, and its status before and after this payment.</summary>
public sealed record PaymentRecordObject(Guid Id, PaymentObjectType Type, ReceivableStatus OldStatus, ReceivableStatus NewStatus);

public sealed record PaymentRecordHistoryItem(PaymentRecordStatus Status, DateTimeOffset Timestamp, Guid? EntityUserId);
