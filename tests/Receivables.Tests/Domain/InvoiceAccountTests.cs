using Receivables.Domain.Lifecycle;

namespace Receivables.Tests.Domain;

/// <summary>The amount rules of spec 5.8 with hand-computed figures, and invariants over random action sequences.</summary>
public sealed class InvoiceAccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static InvoiceAccount Issued(long total = 10_000, long due = 10_000, DateOnly? dueDate = null) =>
        InvoiceAccount.Issue(ReceivableStatus.Draft, total, due, dueDate ?? Today.AddDays(30));

    [Fact]
    public void issue_opens_the_whole_amount()
    {
        var a = InvoiceAccount.Issue(ReceivableStatus.Draft, 11_900, 11_400, Today.AddDays(14));
        Assert.Equal(new InvoiceAccount(ReceivableStatus.Issued, 11_400, 0, 11_900, Today.AddDays(14), null), a);
        Assert.Throws<TransitionRefusedException>(() => InvoiceAccount.Issue(ReceivableStatus.Issued, 1, 1, null));
    }

    [Fact]
    public void partial_payments_are_running_totals_and_may_go_down()
    {
        var a = Issued().MarkAsPartiallyPaid(4_000, Now, Today);
        Assert.Equal((ReceivableStatus.PartiallyPaid, 4_000L, 6_000L, 4_000L), (a.Account.Status, a.Account.AmountPaid, a.Account.AmountDue, a.Applied));
        var reversed = a.Account.MarkAsPartiallyPaid(2_500, Now, Today);
        Assert.Equal((2_500L, 7_500L, -1_500L), (reversed.Account.AmountPaid, reversed.Account.AmountDue, reversed.Applied));
        Assert.Throws<BusinessRuleException>(() => reversed.Account.MarkAsPartiallyPaid(10_000, Now, Today));
        Assert.Throws<BusinessRuleException>(() => reversed.Account.MarkAsPartiallyPaid(0, Now, Today));
    }

    [Fact]
    public void mark_as_paid_pays_the_rest_and_stamps_paid_at()
    {
        var paid = Issued().MarkAsPartiallyPaid(3_000, Now, Today).Account.MarkAsPaid(Now, Today);
        Assert.Equal((ReceivableStatus.Paid, 10_000L, 0L, 7_000L), (paid.Account.Status, paid.Account.AmountPaid, paid.Account.AmountDue, paid.Applied));
        Assert.Equal(Now, paid.Account.PaidAt);
        Assert.Throws<TransitionRefusedException>(() => paid.Account.MarkAsPaid(Now, Today));
    }

    [Fact]
    public void overpayment_is_not_counted_as_paid_and_a_refund_reopens()
    {
        var over = Issued().RegisterPayment(12_500, Now, Today);
        Assert.Equal((ReceivableStatus.Paid, 10_000L, 0L, 2_500L), (over.Account.Status, over.Account.AmountPaid, over.Account.AmountDue, over.Overpaid));
        var refund = over.Account.RegisterPayment(-4_000, Now, Today);
        Assert.Equal((ReceivableStatus.PartiallyPaid, 6_000L, 4_000L, (DateTimeOffset?)null), (refund.Account.Status, refund.Account.AmountPaid, refund.Account.AmountDue, refund.Account.PaidAt));
        Assert.Throws<BusinessRuleException>(() => refund.Account.RegisterPayment(-6_001, Now, Today));
        Assert.Equal(ReceivableStatus.Issued, refund.Account.RegisterPayment(-6_000, Now, Today).Account.Status);
    }

    [Fact]
    public void overdue_happens_the_day_after_the_due_date_and_partial_payments_keep_it()
    {
        var a = Issued(dueDate: Today);
        Assert.False(InvoiceAccount.IsOverdue(a.Status, a.DueDate, Today));
        Assert.True(InvoiceAccount.IsOverdue(a.Status, a.DueDate, Today.AddDays(1)));
        Assert.Throws<BusinessRuleException>(() => a.MarkOverdue(Today));
        var overdue = a.MarkOverdue(Today.AddDays(1));
        Assert.Equal(ReceivableStatus.Overdue, overdue.Status);
        Assert.Equal(ReceivableStatus.Overdue, overdue.MarkAsPartiallyPaid(100, Now, Today).Account.Status);
        Assert.Equal(ReceivableStatus.Uncollectible, overdue.MarkAsUncollectible().Status);
        Assert.Throws<TransitionRefusedException>(() => a.MarkAsUncollectible());
        // A payment is never "overdue" for a paid invoice: the sweep's rule refuses paid ones.
        Assert.False(InvoiceAccount.IsOverdue(ReceivableStatus.Paid, Today, Today.AddDays(1)));
    }

    [Fact]
    public void credit_notes_reduce_what_is_due_and_close_the_invoice_when_they_cover_it()
    {
        var credited = Issued().ApplyCreditNote(4_000, Now);
        Assert.Equal((ReceivableStatus.Issued, 6_000L, 6_000L), (credited.Status, credited.AmountDue, credited.TotalAmountWithCreditNotes));
        Assert.Equal(ReceivableStatus.Canceled, credited.ApplyCreditNote(6_000, Now).Status);
        Assert.Throws<BusinessRuleException>(() => credited.ApplyCreditNote(6_001, Now));

        var partly = Issued().MarkAsPartiallyPaid(3_000, Now, Today).Account.ApplyCreditNote(7_000, Now);
        Assert.Equal((ReceivableStatus.Paid, 3_000L, 0L, 3_000L), (partly.Status, partly.AmountPaid, partly.AmountDue, partly.TotalAmountWithCreditNotes));
    }

    [Fact]
    public void cancel_credits_everything_still_due_in_compliant_mode_only()
    {
        var (compliant, credit) = Issued().Cancel(withCreditNote: true, Now);
        Assert.Equal((ReceivableStatus.Canceled, 0L, 10_000L), (compliant.Status, compliant.AmountDue, credit));
        var (plain, none) = Issued().Cancel(withCreditNote: false, Now);
        Assert.Equal((ReceivableStatus.Canceled, 10_000L, 0L), (plain.Status, plain.AmountDue, none));
        var partlyPaid = Issued().MarkAsPartiallyPaid(1_000, Now, Today).Account;
        Assert.Throws<TransitionRefusedException>(() => partlyPaid.Cancel(true, Now));
        // An overdue invoice with a part paid: the credit note covers the rest, which settles it (spec 5.1).
        var overdue = Issued(dueDate: Today).MarkOverdue(Today.AddDays(1)).MarkAsPartiallyPaid(1_000, Now, Today).Account;
        var (settled, rest) = overdue.Cancel(true, Now);
        Assert.Equal((ReceivableStatus.Paid, 9_000L), (settled.Status, rest));
    }

    [Fact]
    public void an_edit_that_changes_what_is_owed_moves_the_status_with_the_amounts()
    {
        var paid = Issued().MarkAsPaid(Now, Today).Account;
        var grown = paid.Reprice(12_000, 12_000, Now, Today);
        Assert.Equal((ReceivableStatus.PartiallyPaid, 10_000L, 2_000L, (DateTimeOffset?)null), (grown.Status, grown.AmountPaid, grown.AmountDue, grown.PaidAt));
        var partly = Issued().MarkAsPartiallyPaid(4_000, Now, Today).Account;
        var shrunk = partly.Reprice(4_000, 4_000, Now, Today);
        Assert.Equal((ReceivableStatus.Paid, 0L, Now), (shrunk.Status, shrunk.AmountDue, shrunk.PaidAt!.Value));
        Assert.Throws<BusinessRuleException>(() => partly.Reprice(3_999, 3_999, Now, Today));
        var canceled = Issued().Cancel(false, Now).Account.Reprice(9_000, 9_000, Now, Today);
        Assert.Equal((ReceivableStatus.Canceled, 9_000L), (canceled.Status, canceled.AmountDue));
    }

    /// <summary>Whatever happens, in any order: nothing is negative, paid + due only shrinks by credits, paid means nothing due.</summary>
    [Fact]
    public void random_action_sequences_keep_the_invariants()
    {
        var random = new Random(20261128);
        for (var run = 0; run < 2000; run++)
        {
            var total = random.NextInt64(1, 1_000_000);
            var account = Issued(total, total, Today.AddDays(random.Next(-5, 5)));
            long credited = 0;
            for (var step = 0; step < 12; step++)
            {
                try
                {
                    switch (random.Next(7))
                    {
                        case 0: account = account.RegisterPayment(random.NextInt64(-total, total + 1) is var p && p != 0 ? p : 1, Now, Today).Account; break;
                        case 1: account = account.MarkAsPartiallyPaid(random.NextInt64(1, total + 1), Now, Today).Account; break;
                        case 2: account = account.MarkAsPaid(Now, Today).Account; break;
                        case 3: var c = random.NextInt64(1, total + 1); account = account.ApplyCreditNote(c, Now); credited += c; break;
                        case 4: account = account.MarkOverdue(Today.AddDays(random.Next(0, 10))); break;
                        case 5: account = account.MarkAsUncollectible(); break;
                        default: var (a, cr) = account.Cancel(random.Next(2) == 0, Now); account = a; credited += cr; break;
                    }
                }
                catch (BusinessRuleException)
                {
                    // Refused: the account is immutable, so the invariants below are checked on the unchanged one.
                }
                var where = $"run {run} step {step}: {account}";
                Assert.True(account.AmountPaid >= 0 && account.AmountDue >= 0, where);
                Assert.True(account.Owed == total - credited, where);
                Assert.True(account.TotalAmountWithCreditNotes == total - credited, where);
                Assert.True(account.Status != ReceivableStatus.Paid || account.AmountDue == 0, where);
                Assert.True((account.Status == ReceivableStatus.Paid) == (account.PaidAt is not null), where);
            }
        }
    }
}
