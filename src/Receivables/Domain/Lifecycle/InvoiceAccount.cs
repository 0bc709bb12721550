namespace Receivables.Domain.Lifecycle;

/// <summary>
/// The money side of an invoice and the status it implies (spec 5.1, 5.8), with intent-named transitions. Each one
/// checks the transition table, then either returns the whole new account or throws; it never half-applies.
/// Invariants after every transition: <c>amount_paid ≥ 0</c>, <c>amount_due ≥ 0</c>, and
/// <c>amount_paid + amount_due</c> (<see cref="Owed"/>) only shrinks by credit notes.
/// </summary>
public sealed record InvoiceAccount(
    ReceivableStatus Status,
    long AmountDue,
    long AmountPaid,
    long TotalAmountWithCreditNotes,
    DateOnly? DueDate,
    DateTimeOffset? PaidAt)
{
    private const ReceivableType Invoice = ReceivableType.Invoice;

    /// <summary>Everything the customer owes in all: paid so far plus still due (credit notes already taken off).</summary>
    public long Owed => AmountPaid + AmountDue;

    /// <summary>
    /// draft → issued: <paramref name="amountDueAtIssue"/> is the total less post-tax deductions; nothing is paid or
    /// credited yet.
    /// </summary>
    public static InvoiceAccount Issue(ReceivableStatus current, long totalAmount, long amountDueAtIssue, DateOnly? dueDate)
    {
        Transitions.Require(Invoice, current, LifecycleAction.Issue);
        return new InvoiceAccount(ReceivableStatus.Issued, amountDueAtIssue, 0, totalAmount, dueDate, null);
    }

    /// <summary>
    /// A payment of <paramref name="amount"/> (negative: a refund or a failed payment reversed). What exceeds the
    /// amount due is <c>overpaid_amount</c> and is not added to <c>amount_paid</c>; a refund may not take back
    /// more than was paid.
    /// </summary>
    public PaymentOutcome RegisterPayment(long amount, DateTimeOffset at, DateOnly today)
    {
        Transitions.Require(Invoice, Status, LifecycleAction.RegisterPayment, Status == ReceivableStatus.Paid ? null : "only issued, partially paid, overdue or paid invoices take payments");
        return Pay(amount, at, today);
    }

    /// <summary>
    /// <c>mark_as_partially_paid</c>: <paramref name="cumulativeAmountPaid"/> is the running total paid so far, not an
    /// increment, so it may go down (a reversal) but must stay above 0 and below what is owed (else it is paid:
    /// use <c>mark_as_paid</c>).
    /// </summary>
    public PaymentOutcome MarkAsPartiallyPaid(long cumulativeAmountPaid, DateTimeOffset at, DateOnly today)
    {
        Transitions.Require(Invoice, Status, LifecycleAction.MarkAsPartiallyPaid);
        if (cumulativeAmountPaid < 1)
            throw new BusinessRuleException("amount_paid must be at least 1");
        if (cumulativeAmountPaid >= Owed)
            throw new BusinessRuleException($"amount_paid {cumulativeAmountPaid} must stay below the amount to pay {Owed}; use mark_as_paid for a full payment");
        return Pay(cumulativeAmountPaid - AmountPaid, at, today);
    }

    /// <summary><c>mark_as_paid</c>: the rest is paid now (or at <paramref name="at"/>).</summary>
    public PaymentOutcome MarkAsPaid(DateTimeOffset at, DateOnly today)
    {
        Transitions.Require(Invoice, Status, LifecycleAction.MarkAsPaid);
        return Pay(AmountDue, at, today);
    }

    public InvoiceAccount MarkAsUncollectible()
    {
        Transitions.Require(Invoice, Status, LifecycleAction.MarkAsUncollectible, Status is ReceivableStatus.Issued or ReceivableStatus.PartiallyPaid ? "only overdue invoices can be written off" : null);
        return this with { Status = ReceivableStatus.Uncollectible };
    }

    /// <summary>A credit note can be made for this invoice (its amount is checked when it is issued).</summary>
    public void RequireCreditable()
    {
        Transitions.Require(Invoice, Status, LifecycleAction.CreateCreditNote);
        if (AmountDue <= 0) throw new BusinessRuleException("Nothing is left to credit on this invoice");
    }

    /// <summary>
    /// An issued credit note of <paramref name="credit"/> takes that much off what is due (spec 5.3). Credited in full,
    /// an unpaid invoice is <c>canceled</c> and a partly paid one <c>paid</c>. Never more than is still due.
    /// </summary>
    public InvoiceAccount ApplyCreditNote(long credit, DateTimeOffset at)
    {
        Transitions.Require(Invoice, Status, LifecycleAction.ApplyCreditNote);
        if (credit <= 0) throw new BusinessRuleException("A credit note must credit a positive amount");
        if (credit > AmountDue)
            throw new BusinessRuleException($"The credit note's total {credit} exceeds the {AmountDue} still due on the invoice");
        var due = AmountDue - credit;
        var status = due > 0 ? Status : AmountPaid > 0 ? ReceivableStatus.Paid : ReceivableStatus.Canceled;
        return this with
        {
            AmountDue = due,
            TotalAmountWithCreditNotes = TotalAmountWithCreditNotes - credit,
            Status = status,
            PaidAt = status == ReceivableStatus.Paid ? at : PaidAt,
        };
    }

    /// <summary>
    /// <c>cancel</c>: in compliant mode through a credit note for everything still due (its effect decides the end
    /// status: <see cref="ApplyCreditNote"/>); in non-compliant mode only the status changes.
    /// </summary>
    /// <returns>The new account and the amount the credit note must credit (0 without one).</returns>
    public (InvoiceAccount Account, long Credit) Cancel(bool withCreditNote, DateTimeOffset at)
    {
        Transitions.Require(Invoice, Status, LifecycleAction.Cancel,
            Status == ReceivableStatus.PartiallyPaid ? "a partially paid invoice is settled with a credit note for the rest, not canceled" : null);
        if (!withCreditNote) return (this with { Status = ReceivableStatus.Canceled }, 0);
        if (AmountDue == 0) return (this with { Status = ReceivableStatus.Canceled }, 0);
        return (ApplyCreditNote(AmountDue, at), AmountDue);
    }

    /// <summary>
    /// A non-compliant edit changed what the invoice asks for: <paramref name="owed"/> is the new total less deductions
    /// and credit notes. What was paid stays paid; the status follows the amounts (a paid invoice whose total grew is
    /// partly paid again, a partly paid one whose total shrank to what was paid is paid). A total below what was already
    /// paid is refused: the payment would have to be refunded first. Statuses without money in play (canceled,
    /// uncollectible) only take the new figures.
    /// </summary>
    public InvoiceAccount Reprice(long owed, long totalWithCreditNotes, DateTimeOffset at, DateOnly today)
    {
        if (owed < AmountPaid)
            throw new BusinessRuleException($"The edited invoice would ask for {owed}, less than the {AmountPaid} already paid; record a refund first");
        var due = owed - AmountPaid;
        var status = Status switch
        {
            ReceivableStatus.Issued or ReceivableStatus.PartiallyPaid or ReceivableStatus.Overdue or ReceivableStatus.Paid =>
                due == 0 ? ReceivableStatus.Paid
                : Status == ReceivableStatus.Overdue || DueDate is { } d && d < today ? ReceivableStatus.Overdue
                : AmountPaid > 0 ? ReceivableStatus.PartiallyPaid : ReceivableStatus.Issued,
            _ => Status,
        };
        return this with
        {
            AmountDue = due,
            TotalAmountWithCreditNotes = totalWithCreditNotes,
            Status = status,
            PaidAt = status == ReceivableStatus.Paid ? PaidAt ?? at : status == Status ? PaidAt : null,
        };
    }

    /// <summary>True when the sweep should move this invoice to <c>overdue</c> today (UTC).</summary>
    public static bool IsOverdue(ReceivableStatus status, DateOnly? dueDate, DateOnly today) =>
        Transitions.IsAllowed(Invoice, status, LifecycleAction.MarkOverdue) && dueDate is { } due && due < today;

    /// <summary>issued / partially paid → overdue once the due date has passed (the day after it, UTC).</summary>
    public InvoiceAccount MarkOverdue(DateOnly today)
    {
        Transitions.Require(Invoice, Status, LifecycleAction.MarkOverdue);
        if (!IsOverdue(Status, DueDate, today))
            throw new BusinessRuleException($"The invoice is not past its due date {DueDate:yyyy-MM-dd}");
        return this with { Status = ReceivableStatus.Overdue };
    }

    private PaymentOutcome Pay(long amount, DateTimeOffset at, DateOnly today)
    {
        var paid = AmountPaid + amount;
        if (paid < 0)
            throw new BusinessRuleException($"A refund of {-amount} exceeds the {AmountPaid} paid on this invoice");
        var overpaid = Math.Max(0, paid - Owed);
        paid -= overpaid;
        var due = Owed - paid;
        ReceivableStatus status;
        if (due == 0) status = ReceivableStatus.Paid;
        else if (Status == ReceivableStatus.Overdue || DueDate is { } d && d < today) status = ReceivableStatus.Overdue;
        else status = paid > 0 ? ReceivableStatus.PartiallyPaid : ReceivableStatus.Issued;
        var next = this with
        {
            AmountPaid = paid,
            AmountDue = due,
            Status = status,
            PaidAt = status == ReceivableStatus.Paid ? (Status == ReceivableStatus.Paid ? PaidAt : at) : null,
        };
        return new PaymentOutcome(next, paid - AmountPaid, overpaid);
    }
}

/// <param name="Applied">How much of the payment changed <c>amount_paid</c> (negative for a refund).</param>
/// <param name="Overpaid">What exceeded the amount due (<c>overpaid_amount</c> of a payment record).</param>
public sealed record PaymentOutcome(InvoiceAccount Account, long Applied, long Overpaid);
