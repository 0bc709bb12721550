namespace Receivables.Domain.Lifecycle;

/// <summary>One row of the transition table: <see cref="Action"/> on a <see cref="Type"/> in status <see cref="From"/>.</summary>
/// <param name="To">The status the action leads to; null when it depends on the amounts (payments, credit notes).</param>
public sealed record Transition(ReceivableType Type, ReceivableStatus From, LifecycleAction Action, ReceivableStatus? To);

/// <summary>
/// Which action is allowed from which status, for which type (spec 5.1-5.3): the one table every action and the
/// sweep consult. Anything not listed is refused with <see cref="TransitionRefusedException"/>.
/// </summary>
public static class Transitions
{
    private const ReceivableType I = ReceivableType.Invoice, Q = ReceivableType.Quote, C = ReceivableType.CreditNote;
    private const ReceivableStatus Draft = ReceivableStatus.Draft, Issued = ReceivableStatus.Issued, PartiallyPaid = ReceivableStatus.PartiallyPaid,
        Overdue = ReceivableStatus.Overdue, Paid = ReceivableStatus.Paid;

    public static readonly IReadOnlyList<Transition> Table =
    [
        // Drafts of every type are edited, deleted and issued.
        .. new[] { I, Q, C }.SelectMany(t => new Transition[]
        {
            new(t, Draft, LifecycleAction.Edit, Draft),
            new(t, Draft, LifecycleAction.Delete, null),
            new(t, Draft, LifecycleAction.Issue, Issued),
        }),

        // Invoices: payments move amounts, and the amounts decide the status (spec 5.8).
        .. new[] { Issued, PartiallyPaid, Overdue }.SelectMany(s => new Transition[]
        {
            new(I, s, LifecycleAction.RegisterPayment, null),
            new(I, s, LifecycleAction.MarkAsPartiallyPaid, null),
            new(I, s, LifecycleAction.MarkAsPaid, Paid),
            new(I, s, LifecycleAction.CreateCreditNote, s),
            new(I, s, LifecycleAction.ApplyCreditNote, null),
        }),
        // A refund (a negative payment record) reopens a paid invoice.
        new(I, Paid, LifecycleAction.RegisterPayment, null),
        new(I, Issued, LifecycleAction.MarkOverdue, Overdue),
        new(I, PartiallyPaid, LifecycleAction.MarkOverdue, Overdue),
        new(I, Overdue, LifecycleAction.MarkAsUncollectible, ReceivableStatus.Uncollectible),
        // Cancel: issued and overdue invoices (Monite's guide); with a credit note in compliant mode, which decides the end status.
        new(I, Issued, LifecycleAction.Cancel, null),
        new(I, Overdue, LifecycleAction.Cancel, null),

        // Quotes.
        new(Q, Issued, LifecycleAction.Accept, ReceivableStatus.Accepted),
        new(Q, Issued, LifecycleAction.Decline, ReceivableStatus.Declined),
        new(Q, Issued, LifecycleAction.Expire, ReceivableStatus.Expired),
    ];

    private static readonly Dictionary<(ReceivableType, ReceivableStatus, LifecycleAction), Transition> index =
        Table.ToDictionary(t => (t.Type, t.From, t.Action));

    public static bool IsAllowed(ReceivableType type, ReceivableStatus from, LifecycleAction action) => index.ContainsKey((type, from, action));

    /// <summary>The row for the action, or <see cref="TransitionRefusedException"/> naming the current status.</summary>
    public static Transition Require(ReceivableType type, ReceivableStatus from, LifecycleAction action, string? hint = null) =>
        index.TryGetValue((type, from, action), out var row) ? row : throw new TransitionRefusedException(type, from, action, hint);
}
