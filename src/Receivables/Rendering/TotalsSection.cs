using PdfSharp.Drawing;
using Receivables.Documents;

namespace Receivables.Rendering;

/// <summary>
/// The VAT breakdown per rate (rate, taxable amount, VAT) and the totals from subtotal to what is to be paid: the
/// document discount, VAT, total, then what reduces the payment (withholding tax, deductions, amounts paid).
/// </summary>
internal static class TotalsSection
{
    private const double Row = 11.5;
    private const double LabelX = PdfCanvas.Right - 270;

    public static void Draw(PdfCanvas canvas, RenderContext page)
    {
        var doc = page.Document;
        var t = page.Texts;
        var f = page.Format;

        if (doc.TotalVatAmounts.Count > 0)
        {
            canvas.EnsureSpace((doc.TotalVatAmounts.Count + 2) * Row);
            canvas.Text(t.VatBreakdown, PdfCanvas.SmallBold, LabelX, canvas.Y + 8);
            canvas.TextRight(t.TaxableAmount, PdfCanvas.SmallBold, PdfCanvas.Right - 90, canvas.Y + 8);
            canvas.TextRight(t.VatAmount, PdfCanvas.SmallBold, PdfCanvas.Right, canvas.Y + 8);
            canvas.Gap(Row);
            foreach (var group in doc.TotalVatAmounts)
            {
                var label = string.IsNullOrWhiteSpace(group.Name) ? $"{t.VatRate} {f.Percent(group.Value)}" : $"{group.Name} {f.Percent(group.Value)}";
                canvas.Text(label, PdfCanvas.Regular, LabelX, canvas.Y + 8);
                canvas.TextRight(f.Money(group.TaxableAmount), PdfCanvas.Regular, PdfCanvas.Right - 90, canvas.Y + 8);
                canvas.TextRight(f.Money(group.Amount), PdfCanvas.Regular, PdfCanvas.Right, canvas.Y + 8);
                canvas.Gap(Row);
            }
            canvas.Gap(6);
        }

        var rows = new List<(string Label, string Value, bool Strong)> { (t.Subtotal, f.Money(doc.Subtotal), false) };
        if (doc.Discount is { } discount)
        {
            var label = discount.Type == DiscountType.Percentage ? $"{t.Discount} ({f.Percent(discount.Amount)})" : t.Discount;
            rows.Add((label, f.Minus(discount.Value), false));
            rows.Add((t.SubtotalAfterDiscount, f.Money(doc.DiscountedSubtotal), false));
        }
        rows.Add((t.TotalVat, f.Money(doc.TotalVatAmount), false));
        rows.Add((t.Total, f.Money(doc.TotalAmount), true));
        if (doc.TotalWithholdingTax is > 0 and var withheld)
        {
            var rate = doc.WithholdingTaxRate is { } r ? $" ({f.Percent(r)})" : "";
            // Informational: the payer withholds it for the tax office; amount_due (spec 5.8) does not subtract it.
            rows.Add((t.WithholdingTax + rate, f.Money(withheld), false));
        }
        var deductionTitle = page.Options.DeductionTitle ?? t.DefaultDeductionTitle;
        foreach (var deduction in doc.Deductions ?? [])
            rows.Add(($"{deductionTitle}: {deduction.Name}", f.Minus(deduction.Amount), false));
        if (doc.DeductionAmount is > 0 and var deducted)
            rows.Add((string.IsNullOrWhiteSpace(doc.DeductionMemo) ? deductionTitle : $"{deductionTitle}: {doc.DeductionMemo}", f.Minus(deducted), false));
        switch (doc)
        {
            case Invoice invoice:
                if (invoice.AmountPaid > 0) rows.Add((t.AmountPaid, f.Minus(invoice.AmountPaid), false));
                rows.Add((t.AmountDue, f.Money(invoice.AmountDue), true));
                break;
            case CreditNote note:
                rows.Add((t.AmountCredited, f.Money(note.TotalAmount), true));
                break;
        }

        canvas.EnsureSpace(rows.Count * Row);
        foreach (var (label, value, strong) in rows)
        {
            var font = strong ? PdfCanvas.Bold : PdfCanvas.Regular;
            if (strong) canvas.Graphics.DrawLine(PdfCanvas.Rule, LabelX, canvas.Y, PdfCanvas.Right, canvas.Y);
            canvas.Text(label, font, LabelX, canvas.Y + 8.5);
            canvas.TextRight(value, font, PdfCanvas.Right, canvas.Y + 8.5);
            canvas.Gap(Row);
        }
        if (doc.VatExempt == true)
        {
            canvas.Gap(4);
            ReceivablePdfRenderer.Memo(canvas, string.IsNullOrWhiteSpace(doc.VatExemptionRationale) ? t.VatExempt : $"{t.VatExempt}: {doc.VatExemptionRationale}");
        }
        canvas.Gap(8);
    }
}
