namespace Receivables.Domain.Lifecycle;

/// <summary>The three kinds of receivable (spec 4); the wire names are <c>invoice</c>, <c>quote</c>, <c>credit_note</c>.</summary>
public enum ReceivableType { Invoice, Quote, CreditNote }

/// <summary>
/// Every status a receivable can have (spec 4.7: <c>ReceivablesStatusEnum</c>, <c>QuoteStateEnum</c>,
/// <c>CreditNoteStateEnum</c>); which of them a type may take is the transition table's business.
/// Written in snake_case on the wire (<c>partially_paid</c>).
/// </summary>
public enum ReceivableStatus
{
    Draft,
    Issuing,
    Issued,
    Failed,
    PartiallyPaid,
    Overdue,
    Paid,
    Uncollectible,
    Canceled,
    Recurring,
    Accepted,
    Declined,
    Expired,
}

/// <summary>What can happen to a receivable: each row of the transition table names one.</summary>
public enum LifecycleAction
{
    Edit,
    Delete,
    Issue,
    RegisterPayment,
    MarkAsPartiallyPaid,
    MarkAsPaid,
    MarkAsUncollectible,
    Cancel,
    CreateCreditNote,
    ApplyCreditNote,
    MarkOverdue,
    Accept,
    Decline,
    Expire,
}

public static class LifecycleNames
{
    public static string Wire(this ReceivableType type) => type switch
    {
        ReceivableType.Invoice => "invoice",
        ReceivableType.Quote => "quote",
        _ => "credit_note",
    };

    public static string Wire(this ReceivableStatus status) => status switch
    {
        ReceivableStatus.PartiallyPaid => "partially_paid",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string Wire(this LifecycleAction action) => action switch
    {
        LifecycleAction.RegisterPayment => "record a payment for",
        LifecycleAction.MarkAsPartiallyPaid => "mark as partially paid",
        LifecycleAction.MarkAsPaid => "mark as paid",
        LifecycleAction.MarkAsUncollectible => "mark as uncollectible",
        LifecycleAction.CreateCreditNote => "create a credit note for",
        LifecycleAction.ApplyCreditNote => "apply a credit note to",
        LifecycleAction.MarkOverdue => "mark as overdue",
        _ => action.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// The transition table has no row for this action on this type in this status (409). The message names the
/// current status, so a client knows what happened without reading the document again.
/// </summary>
public sealed class TransitionRefusedException(ReceivableType type, ReceivableStatus status, LifecycleAction action, string? hint = null)
    : BusinessRuleException($"Cannot {action.Wire()} this {type.Wire().Replace('_', ' ')}: it is {status.Wire()}{(hint is null ? "" : "; " + hint)}")
{
    public ReceivableType Type { get; } = type;
    public ReceivableStatus Status { get; } = status;
    public LifecycleAction Action { get; } = action;
}
