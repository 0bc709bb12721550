using System.Globalization;
using PdfSharp.Drawing;
using Receivables.Documents;
using Receivables.Domain.Totals;

namespace Receivables.Rendering;

/// <summary>
/// How to pay (or, for a quote, how it was accepted): the payment terms with each early-payment discount as a date and
/// an amount, the entity's bank account with the payment reference, and the QR code of <see cref="PdfOptions.QrPayload"/>
/// beside them; for a quote, the signature when <c>document_rendering.quote.display_signature</c> asks for it.
/// </summary>
internal static class PaymentSection
{
    private const double Row = 11;
    private const double QrSize = 104;
    private const double QrColumn = 150;

    public static void Draw(PdfCanvas canvas, RenderContext page)
    {
        var doc = page.Document;
        if (doc is Invoice { PaymentTerms: { } terms } invoice) Terms(canvas, page, invoice, terms);

        var lines = page.Settings.DisplayBankAccount(doc) && doc.EntityBankAccount is { } account ? BankLines(page, account) : [];
        var qr = page.Options.QrPayload;
        if (lines.Count > 0 || qr is not null)
        {
            var caption = qr is null ? [] : canvas.Wrap(qr.StartsWith("BCD\n", StringComparison.Ordinal) ? page.Texts.QrTransferCaption : page.Texts.QrLinkCaption,
                PdfCanvas.Small, QrColumn);
            var height = Math.Max(lines.Count * Row + 4, qr is null ? 0 : QrSize + (caption.Count * 8) + 6);
            canvas.EnsureSpace(height);
            var top = canvas.Y;
            var y = top + 8;
            foreach (var (text, bold) in lines)
            {
                canvas.Text(text, bold ? PdfCanvas.SmallBold : PdfCanvas.Regular, PdfCanvas.Left, y);
                y += Row;
            }
            if (qr is not null)
            {
                var x = PdfCanvas.Right - QrColumn + ((QrColumn - QrSize) / 2);
                QrCode.Draw(canvas.Graphics, qr, x, top, QrSize);
                var captionY = top + QrSize + 8;
                foreach (var line in caption)
                {
                    canvas.Graphics.DrawString(line, PdfCanvas.Small, PdfCanvas.Muted, PdfCanvas.Right - (QrColumn / 2), captionY, XStringFormats.BaseLineCenter);
                    captionY += 8;
                }
            }
            canvas.Y = top + height + 6;
        }

        if (doc is Quote quote && page.Settings.DisplaySignature) Signature(canvas, page, quote);
    }

    private static List<(string Text, bool Bold)> BankLines(RenderContext page, BankAccountSnapshot account)
    {
        var t = page.Texts;
        var lines = new List<(string, bool)> { (t.BankAccount, true) };
        void Add(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) lines.Add(($"{label}: {value}", false));
        }
        Add(t.AccountHolder, account.AccountHolderName ?? ReceivablePdfRenderer.SellerName(page.Document));
        Add(t.Bank, account.BankName);
        Add(t.Iban, account.Iban is null ? null : GroupIban(account.Iban));
        Add(t.Bic, account.Bic);
        Add(t.AccountNumber, account.AccountNumber);
        Add(t.SortCode, account.SortCode);
        Add(t.RoutingNumber, account.RoutingNumber);
        if (page.Document is Invoice) Add(t.PaymentReference, page.Document.DocumentId);
        return lines;
    }

    /// <summary>The IBAN in groups of four, as printed on paper (the QR code and payloads carry it without spaces).</summary>
    internal static string GroupIban(string iban)
    {
        var compact = new string(iban.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return string.Join(' ', compact.Chunk(4).Select(c => new string(c)));
    }

    private static void Terms(PdfCanvas canvas, RenderContext page, Invoice invoice, PaymentTermsSnapshot terms)
    {
        var t = page.Texts;
        var f = page.Format;
        var issue = invoice.IssueDate is { } issued ? DateOnly.FromDateTime(issued.UtcDateTime) : (DateOnly?)null;
        var lines = new List<string>();
        foreach (var tier in new[] { terms.Term1, terms.Term2 })
        {
            if (tier is null) continue;
            var deadline = tier.EndDate ?? (issue is { } d && tier.NumberOfDays is { } days ? d.AddDays(days) : null);
            var when = deadline is { } date ? f.Date(date)
                : tier.NumberOfDays is { } n ? string.Format(CultureInfo.InvariantCulture, t.WithinDays, n) : "";
            var amount = invoice.AmountDue - Money.Percent(invoice.AmountDue, tier.Discount);
            lines.Add(string.Format(CultureInfo.InvariantCulture, t.EarlyPaymentDiscount, f.Percent(tier.Discount), when, f.Money(amount)));
        }
        var due = invoice.DueDate ?? terms.TermFinal.EndDate ?? (issue is { } i && terms.TermFinal.NumberOfDays is { } final ? i.AddDays(final) : null);
        var dueText = due is { } dueDate ? f.Date(dueDate)
            : terms.TermFinal.NumberOfDays is { } finalDays ? string.Format(CultureInfo.InvariantCulture, t.WithinDays, finalDays) : "";
        lines.Add(string.Format(CultureInfo.InvariantCulture, t.NetDue, f.Money(invoice.AmountDue), dueText));

        var heading = string.IsNullOrWhiteSpace(terms.Name) ? t.PaymentTerms : $"{t.PaymentTerms}: {terms.Name}";
        var description = string.IsNullOrWhiteSpace(terms.Description) ? [] : canvas.Wrap(terms.Description, PdfCanvas.Regular, PdfCanvas.Width);
        canvas.EnsureSpace((lines.Count + description.Count + 1) * Row + 6);
        canvas.Text(heading, PdfCanvas.SmallBold, PdfCanvas.Left, canvas.Y + 8);
        canvas.Gap(Row);
        foreach (var line in description.Concat(lines))
        {
            canvas.Text(line, PdfCanvas.Regular, PdfCanvas.Left, canvas.Y + 8);
            canvas.Gap(Row);
        }
        canvas.Gap(6);
    }

    /// <summary>The accepted quote's signature (who, when, and the drawn image), or an empty line to sign on.</summary>
    private static void Signature(PdfCanvas canvas, RenderContext page, Quote quote)
    {
        var t = page.Texts;
        canvas.EnsureSpace(80);
        canvas.Text(t.Signature, PdfCanvas.SmallBold, PdfCanvas.Left, canvas.Y + 8);
        canvas.Gap(Row);
        if (quote.Signature is { } s)
        {
            canvas.Text(string.Format(CultureInfo.InvariantCulture, t.SignedBy, s.FullName, s.Email, page.Format.Date(s.SignedAt)),
                PdfCanvas.Regular, PdfCanvas.Left, canvas.Y + 8);
            canvas.Gap(Row + 2);
            if (SignatureImage(s.SignatureImage) is { } image)
            {
                using (image)
                {
                    // At most 180 × 50 points, keeping the drawing's proportions.
                    var scale = Math.Min(180 / image.PointWidth, 50 / image.PointHeight);
                    canvas.Graphics.DrawImage(image, PdfCanvas.Left, canvas.Y, image.PointWidth * scale, image.PointHeight * scale);
                    canvas.Gap((image.PointHeight * scale) + 4);
                }
            }
        }
        else
        {
            canvas.Gap(30);
            canvas.Graphics.DrawLine(PdfCanvas.Rule, PdfCanvas.Left, canvas.Y, PdfCanvas.Left + 220, canvas.Y);
            canvas.Text(t.SignatureLine, PdfCanvas.Small, PdfCanvas.Left, canvas.Y + 9, PdfCanvas.Muted);
            canvas.Gap(14);
        }
        canvas.Gap(6);
    }

    /// <summary>
    /// The signature's PNG, or null when it cannot be read: the accept route checks only that it is base64 of a
    /// bounded length, and an unreadable drawing must not cost the customer the PDF (the name and date still print).
    /// </summary>
    private static XImage? SignatureImage(string base64)
    {
        try
        {
            var stream = new MemoryStream(Convert.FromBase64String(base64), writable: false);
            return XImage.FromStream(stream);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or NotSupportedException or IOException)
        {
            return null;
        }
    }
}
