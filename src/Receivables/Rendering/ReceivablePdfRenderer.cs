using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Receivables.Documents;

namespace Receivables.Rendering;

/// <summary>
/// The PDF of an invoice, quote or credit note with what an EU invoice must show (VAT Directive art. 226): both
/// parties with addresses and VAT/tax ids, number and dates, the lines, the VAT per rate, the totals down to the amount
/// due, payment terms and the bank account. Sections in reading order, each in its own file: header and parties here,
/// <see cref="LineItemTable"/>, <see cref="TotalsSection"/>, <see cref="PaymentSection"/>.
/// </summary>
public sealed class ReceivablePdfRenderer : IReceivablePdfRenderer
{
    public byte[] Render(Receivable document, PdfOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        var texts = PdfTexts.For(options.Language);
        var page = new RenderContext(document, options, texts, new PdfFormat(texts, document.Currency),
            new RenderingSettings(document.DocumentRendering, options.EntityRendering));

        using var pdf = new PdfDocument();
        var title = texts.Title(document);
        var number = document.DocumentId ?? texts.NotYetNumbered;
        pdf.Info.Title = $"{title} {number}";
        pdf.Info.Author = SellerName(document);
        pdf.Info.Subject = options.Preview ? texts.Draft : title;
        // The document's date, not the time of rendering: a revision rendered again later still says when it was made.
        pdf.Info.CreationDate = (document.IssueDate ?? document.UpdatedAt).UtcDateTime;

        using (var canvas = new PdfCanvas(pdf, document.Footer))
        {
            Header(canvas, page, title, number);
            Parties(canvas, page);
            Memo(canvas, document.Memo);
            if (page.Settings.DisplayLineItems) LineItemTable.Draw(canvas, page);
            TotalsSection.Draw(canvas, page);
            PaymentSection.Draw(canvas, page);
            Memo(canvas, document.CommercialConditionDescription);
            canvas.Finish($"{title} {number}", options.Preview ? texts.Draft : null, options.Preview ? texts.DraftNotice : null);
        }
        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }

    internal static string SellerName(Receivable doc) =>
        doc.Entity.Name ?? string.Join(' ', new[] { doc.Entity.FirstName, doc.Entity.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));

    private static void Header(PdfCanvas canvas, RenderContext page, string title, string number)
    {
        var doc = page.Document;
        var t = page.Texts;
        canvas.Text(title, PdfCanvas.Title, PdfCanvas.Left, canvas.Y + 16);
        canvas.Text($"{t.Number}: {number}", PdfCanvas.Bold, PdfCanvas.Left, canvas.Y + 32);

        var seller = new List<(string Text, XFont Font)> { (SellerName(doc), PdfCanvas.Bold) };
        if (!string.IsNullOrWhiteSpace(doc.TradeName) && doc.TradeName != seller[0].Text) seller.Add((doc.TradeName, PdfCanvas.Regular));
        var a = doc.EntityAddress;
        seller.AddRange(AddressLines(a.Line1, a.Line2, a.PostalCode, a.City, a.State, a.Country).Select(l => (l, PdfCanvas.Regular)));
        var vatId = doc.EntityVatId?.Value ?? doc.Entity.VatId;
        if (!string.IsNullOrWhiteSpace(vatId)) seller.Add(($"{t.VatId}: {vatId}", PdfCanvas.Regular));
        if (!string.IsNullOrWhiteSpace(doc.Entity.TaxId)) seller.Add(($"{t.TaxId}: {doc.Entity.TaxId}", PdfCanvas.Regular));
        if (!string.IsNullOrWhiteSpace(doc.Entity.RegistrationNumber))
            seller.Add(($"{t.Registration}: {string.Join(' ', new[] { doc.Entity.RegistrationAuthority, doc.Entity.RegistrationNumber }.Where(s => !string.IsNullOrWhiteSpace(s)))}", PdfCanvas.Regular));
        foreach (var contact in new[] { doc.Entity.Email, doc.Entity.Phone, doc.Entity.Website })
            if (!string.IsNullOrWhiteSpace(contact)) seller.Add((contact, PdfCanvas.Small));

        var y = canvas.Y + 10;
        foreach (var (text, font) in seller)
        {
            canvas.TextRight(text, font, PdfCanvas.Right, y);
            y += 11;
        }
        canvas.Y = Math.Max(canvas.Y + 44, y) + 10;
        canvas.Line(canvas.Y - 6);
    }

    /// <summary>The buyer (and delivery address) on the left, the document's number, dates and references on the right.</summary>
    private static void Parties(PdfCanvas canvas, RenderContext page)
    {
        var doc = page.Document;
        var t = page.Texts;
        var f = page.Format;
        var buyer = new List<(string, XFont)> { (t.BillTo, PdfCanvas.SmallBold), (doc.CounterpartName ?? "", PdfCanvas.Bold) };
        if (doc.CounterpartBillingAddress is { } b)
            buyer.AddRange(AddressLines(b.Line1, b.Line2, b.PostalCode, b.City, b.State, b.Country).Select(l => (l, PdfCanvas.Regular)));
        if (doc.CounterpartVatId is { } vat) buyer.Add(($"{t.VatId}: {vat.Value}", PdfCanvas.Regular));
        if (!string.IsNullOrWhiteSpace(doc.CounterpartTaxId)) buyer.Add(($"{t.TaxId}: {doc.CounterpartTaxId}", PdfCanvas.Regular));
        if (doc.CounterpartContact is { } c) buyer.Add(($"{t.Contact}: {c.FirstName} {c.LastName}".TrimEnd(), PdfCanvas.Regular));

        var shipping = new List<(string, XFont)>();
        if (doc.CounterpartShippingAddress is { } s && s != doc.CounterpartBillingAddress)
        {
            shipping.Add((t.ShipTo, PdfCanvas.SmallBold));
            shipping.Add((doc.CounterpartName ?? "", PdfCanvas.Bold));
            shipping.AddRange(AddressLines(s.Line1, s.Line2, s.PostalCode, s.City, s.State, s.Country).Select(l => (l, PdfCanvas.Regular)));
        }

        var meta = new List<(string Label, string Value)> { (t.Number, doc.DocumentId ?? t.NotYetNumbered) };
        if (doc.IssueDate is { } issued) meta.Add((t.IssueDate, f.Date(issued)));
        switch (doc)
        {
            case Invoice invoice:
                if (invoice.DueDate is { } due) meta.Add((t.DueDate, f.Date(due)));
                if (invoice.FulfillmentDate is { } fulfilled) meta.Add((t.FulfillmentDate, f.Date(fulfilled)));
                if (!string.IsNullOrWhiteSpace(invoice.PurchaseOrder)) meta.Add((t.PurchaseOrder, invoice.PurchaseOrder));
                break;
            case Quote quote:
                if (quote.ExpiryDate is { } expiry) meta.Add((t.ValidUntil, f.Date(expiry)));
                break;
            case CreditNote note:
                if (!string.IsNullOrWhiteSpace(note.BasedOnDocumentId)) meta.Add((t.CreditsInvoice, note.BasedOnDocumentId));
                if (!string.IsNullOrWhiteSpace(note.PurchaseOrder)) meta.Add((t.PurchaseOrder, note.PurchaseOrder));
                break;
        }
        meta.Add((t.Currency, doc.Currency));

        var top = canvas.Y + 8;
        var y = DrawLines(canvas, buyer, PdfCanvas.Left, top);
        if (shipping.Count > 0) y = Math.Max(y, DrawLines(canvas, shipping, PdfCanvas.Left + 185, top));
        var labelX = PdfCanvas.Right - 190;
        var metaY = top;
        foreach (var (label, value) in meta)
        {
            canvas.Text(label, PdfCanvas.Regular, labelX, metaY, PdfCanvas.Muted);
            canvas.TextRight(value, PdfCanvas.Bold, PdfCanvas.Right, metaY);
            metaY += 11;
        }
        canvas.Y = Math.Max(y, metaY) + 8;
    }

    private static double DrawLines(PdfCanvas canvas, List<(string Text, XFont Font)> lines, double x, double y)
    {
        foreach (var (text, font) in lines)
        {
            canvas.Text(text, font, x, y);
            y += 11;
        }
        return y;
    }

    /// <summary>A paragraph of free text (memo, commercial conditions), breaking across pages line by line.</summary>
    internal static void Memo(PdfCanvas canvas, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        canvas.Gap(4);
        foreach (var line in canvas.Wrap(text, PdfCanvas.Regular, PdfCanvas.Width))
        {
            canvas.EnsureSpace(11);
            canvas.Text(line, PdfCanvas.Regular, PdfCanvas.Left, canvas.Y + 8);
            canvas.Gap(11);
        }
        canvas.Gap(6);
    }

    internal static IEnumerable<string> AddressLines(string line1, string? line2, string postalCode, string city, string? state, string country)
    {
        yield return line1;
        if (!string.IsNullOrWhiteSpace(line2)) yield return line2;
        yield return $"{postalCode} {city}".Trim();
        yield return string.IsNullOrWhiteSpace(state) ? country : $"{state}, {country}";
    }
}

/// <summary>One rendering's inputs, handed to each section.</summary>
internal sealed record RenderContext(Receivable Document, PdfOptions Options, PdfTexts Texts, PdfFormat Format, RenderingSettings Settings);
