using Receivables.Domain.Lifecycle;

namespace Receivables.Tests.Domain;

/// <summary>
/// The transition table against spec 5.1-5.3, written out here independently: every (type, status, action) triple is
/// either in the expected set or refused, so adding or losing a row fails a test.
/// </summary>
public sealed class TransitionTableTests
{
    private static readonly HashSet<(ReceivableType, ReceivableStatus, LifecycleAction)> Expected = Build();

    private static HashSet<(ReceivableType, ReceivableStatus, LifecycleAction)> Build()
    {
        var rows = new HashSet<(ReceivableType, ReceivableStatus, LifecycleAction)>();
        foreach (var type in Enum.GetValues<ReceivableType>())
        {
            rows.Add((type, ReceivableStatus.Draft, LifecycleAction.Edit));
            rows.Add((type, ReceivableStatus.Draft, LifecycleAction.Delete));
            rows.Add((type, ReceivableStatus.Draft, LifecycleAction.Issue));
        }
        const ReceivableType I = ReceivableType.Invoice;
        foreach (var open in new[] { ReceivableStatus.Issued, ReceivableStatus.PartiallyPaid, ReceivableStatus.Overdue })
        {
            rows.Add((I, open, LifecycleAction.RegisterPayment));
            rows.Add((I, open, LifecycleAction.MarkAsPartiallyPaid));
            rows.Add((I, open, LifecycleAction.MarkAsPaid));
            rows.Add((I, open, LifecycleAction.CreateCreditNote));
            rows.Add((I, open, LifecycleAction.ApplyCreditNote));
        }
        rows.Add((I, ReceivableStatus.Paid, LifecycleAction.RegisterPayment));
        rows.Add((I, ReceivableStatus.Issued, LifecycleAction.MarkOverdue));
        rows.Add((I, ReceivableStatus.PartiallyPaid, LifecycleAction.MarkOverdue));
        rows.Add((I, ReceivableStatus.Overdue, LifecycleAction.MarkAsUncollectible));
        rows.Add((I, ReceivableStatus.Issued, LifecycleAction.Cancel));
        rows.Add((I, ReceivableStatus.Overdue, LifecycleAction.Cancel));
        rows.Add((ReceivableType.Quote, ReceivableStatus.Issued, LifecycleAction.Accept));
        rows.Add((ReceivableType.Quote, ReceivableStatus.Issued, LifecycleAction.Decline));
        rows.Add((ReceivableType.Quote, ReceivableStatus.Issued, LifecycleAction.Expire));
        return rows;
    }

    public static TheoryData<ReceivableType, ReceivableStatus, LifecycleAction> AllTriples()
    {
        var data = new TheoryData<ReceivableType, ReceivableStatus, LifecycleAction>();
        foreach (var t in Enum.GetValues<ReceivableType>())
            foreach (var s in Enum.GetValues<ReceivableStatus>())
                foreach (var a in Enum.GetValues<LifecycleAction>())
                    data.Add(t, s, a);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllTriples))]
    public void every_triple_is_allowed_exactly_when_the_spec_lists_it(ReceivableType type, ReceivableStatus status, LifecycleAction action)
    {
        var expected = Expected.Contains((type, status, action));
        Assert.Equal(expected, Transitions.IsAllowed(type, status, action));
        if (expected)
        {
            Assert.Equal(action, Transitions.Require(type, status, action).Action);
        }
        else
        {
            var refused = Assert.Throws<TransitionRefusedException>(() => Transitions.Require(type, status, action));
            // The answer names the current status, so a client knows why without reading the document again.
            Assert.Contains($"it is {status.Wire()}", refused.Message, StringComparison.Ordinal);
            Assert.Equal(status, refused.Status);
        }
    }

    [Fact]
    public void terminal_statuses_allow_nothing_but_a_refund_on_a_paid_invoice()
    {
        foreach (var terminal in new[] { ReceivableStatus.Uncollectible, ReceivableStatus.Canceled, ReceivableStatus.Accepted, ReceivableStatus.Declined, ReceivableStatus.Expired })
            Assert.DoesNotContain(Transitions.Table, t => t.From == terminal);
        Assert.Equal([LifecycleAction.RegisterPayment], Transitions.Table.Where(t => t.From == ReceivableStatus.Paid).Select(t => t.Action));
    }

    [Fact]
    public void the_table_has_no_duplicate_rows_and_credit_notes_only_have_draft_rows()
    {
        Assert.Equal(Transitions.Table.Count, Transitions.Table.Select(t => (t.Type, t.From, t.Action)).Distinct().Count());
        Assert.All(Transitions.Table.Where(t => t.Type == ReceivableType.CreditNote), t => Assert.Equal(ReceivableStatus.Draft, t.From));
    }

    [Fact]
    public void wire_names_are_snake_case()
    {
        Assert.Equal("partially_paid", ReceivableStatus.PartiallyPaid.Wire());
        Assert.Equal("credit_note", ReceivableType.CreditNote.Wire());
        Assert.Equal("uncollectible", ReceivableStatus.Uncollectible.Wire());
    }
}
