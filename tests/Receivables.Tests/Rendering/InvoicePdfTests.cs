using Receivables.Documents;
using Receivables.Rendering;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Rendering.PdfAssert;

namespace Receivables.Tests.Rendering;

/// <summary>
/// Every item issue 11 part 1 asks of an invoice, read back from the PDF's text (pdftotext), for the 10-line invoice
/// (two VAT rates, line and document discounts, withholding, a deduction, 2/10 net 30) in English and in German.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class InvoicePdfTests(ApiHost api)
{
    private static readonly ReceivablePdfRenderer Renderer = new ReceivablePdfRenderer();

    /// <summary>The labels a reader of each language expects, written here rather than read from the renderer.</summary>
    private sealed record Labels(
        string Title, string Number, string IssueDate, string DueDate, string Fulfillment, string PurchaseOrder, string VatId, string TaxId,
        string[] Columns, string Subtotal, string Discount, string AfterDiscount, string TotalVat, string Total, string Withholding,
        string Incentives, string AmountDue, string Terms, string EarlyDiscount, string NetDue, string Iban, string Bic, string Bank,
        string Holder, string Reference, string BillTo, string ShipTo);

    private static readonly Labels English = new("Invoice", "Number", "Issue date", "Due date", "Fulfillment date", "Purchase order",
        "VAT ID", "Tax ID", ["Item", "Qty", "Unit", "Unit price", "Price incl.", "Discount", "VAT", "Total", "Total incl."],
        "Subtotal", "Discount (5 %)", "Subtotal after discount", "Total VAT", "Total", "Withholding tax (1 %)", "Incentives: Loyalty bonus",
        "Amount due", "Payment terms: 2/10 net 30", "{0} discount if paid by {1}: {2}", "Pay {0} by {1}", "IBAN", "BIC", "Bank",
        "Account holder", "Payment reference", "Bill to", "Ship to");

    private static readonly Labels German = new("Rechnung", "Nummer", "Ausstellungsdatum", "Fällig am", "Leistungsdatum", "Bestellnummer",
        "USt-IdNr.", "Steuernummer", ["Position", "Menge", "Einheit", "Einzelpreis", "Preis inkl.", "Rabatt", "USt", "Gesamt", "Gesamt inkl."],
        "Zwischensumme", "Rabatt (5 %)", "Zwischensumme nach Rabatt", "Umsatzsteuer gesamt", "Gesamtbetrag", "Quellensteuer (1 %)", "Nachlässe: Loyalty bonus",
        "Zu zahlender Betrag", "Zahlungsbedingungen: 2/10 net 30", "{0} Skonto bei Zahlung bis {1}: {2}", "Zahlbar {0} bis {1}", "IBAN", "BIC", "Bank",
        "Kontoinhaber", "Verwendungszweck", "Rechnungsempfänger", "Lieferanschrift");

    [Fact]
    public async Task The_english_invoice_shows_every_item_an_eu_invoice_must_show() =>
        EveryItem((await RenderingScenarios.OfAsync(api)).TenLines, "en", English);

    [Fact]
    public async Task The_german_invoice_shows_every_item_in_german_with_german_numbers_and_dates() =>
        EveryItem((await RenderingScenarios.OfAsync(api)).TenLines, "de", German);

    private static void EveryItem(Invoice invoice, string language, Labels l)
    {
        var pdf = Renderer.Render(invoice, new PdfOptions { Language = language });
        var pages = PdfTools.Pages(pdf);
        Assert.Single(pages);
        var text = pages[0];
        var x = new PdfExpect(language, "EUR", 2);

        Assert.StartsWith(l.Title, text.TrimStart(), StringComparison.Ordinal);
        // The seller, with address, VAT id and tax id.
        Has(text, "Issuer GmbH");
        Has(text, "Unter den Linden 1");
        Has(text, "10115 Berlin");
        Has(text, $"{l.VatId}: DE123456789");
        Has(text, $"{l.TaxId}: DE123456789");
        // The buyer, billing and delivery address, VAT id, tax id.
        Row(text, l.BillTo, l.ShipTo);
        Row(text, "Buyer AG", "Buyer AG");
        Row(text, "Mönckebergstraße 7", "Am Markt 1");
        Row(text, "20095 Hamburg", "28195 Bremen");
        Has(text, $"{l.VatId}: DE811907980");
        Has(text, $"{l.TaxId}: DE811907980");
        // Number, dates, references.
        Assert.Equal("INV-00001", invoice.DocumentId);
        Row(text, l.Number, "INV-00001");
        Row(text, l.IssueDate, x.Date(invoice.IssueDate!.Value));
        Row(text, l.DueDate, x.Date(invoice.DueDate!.Value));
        Row(text, l.Fulfillment, x.Date(new DateOnly(2026, 11, 15)));
        Row(text, l.PurchaseOrder, "PO-4711");
        Has(text, RenderingScenarios.Memo);

        // The table: header (the long labels wrap onto a second line), then every line with name, quantity, unit, unit price, discount, VAT rate, line total.
        Row(text, l.Columns);
        Assert.Equal(10, invoice.LineItems.Count);
        for (var i = 0; i < invoice.LineItems.Count; i++)
        {
            var item = invoice.LineItems[i];
            Assert.Equal(RenderingScenarios.TenLineNames[i], item.Product.Name);
            var discount = item.Discount switch
            {
                null => [],
                { Type: DiscountType.Percentage } d => new[] { x.Percent(d.Amount) },
                { } d => [x.Number(d.Amount)],
            };
            string[] cells =
            [
                item.Product.Name, x.Quantity(item.Quantity), item.Product.MeasureUnit!.Name, x.Number(item.Product.Price.Value),
                x.Number(item.Product.PriceAfterVat.Value), .. discount, x.Percent(item.Product.VatRate.Value), x.Number(item.TotalBeforeVat),
                x.Number(item.TotalAfterVat),
            ];
            var row = Row(text, cells);
            Assert.StartsWith($"{i + 1} ", row.TrimStart(), StringComparison.Ordinal);
        }
        // The hand-checked anchors: 8 h of consulting at 120.00 (19 %), 10 % off the workshop, 50.00 off the licences.
        Row(text, "Consulting", x.Quantity(8), "h", x.Number(12000), x.Number(14280), "19 %", x.Number(96000), x.Number(114240));
        Row(text, "Workshop preparation", "1", x.Number(45000), x.Percent(1000), "19 %", x.Number(40500));
        Row(text, "Software licence (annual)", "2", x.Number(99900), x.Number(5000), "19 %");
        Row(text, "Printed handbooks", "40", x.Number(1250), x.Percent(700), x.Number(50000));

        // The VAT per rate: rate, taxable amount, VAT.
        Assert.Equal(2, invoice.TotalVatAmounts.Count);
        foreach (var group in invoice.TotalVatAmounts)
            Row(text, x.Percent(group.Value), x.Money(group.TaxableAmount), x.Money(group.Amount));
        // Subtotal down to the amount due.
        Row(text, l.Subtotal, x.Money(invoice.Subtotal));
        Row(text, l.Discount, x.Minus(invoice.Discount!.Value));
        Row(text, l.AfterDiscount, x.Money(invoice.DiscountedSubtotal));
        Row(text, l.TotalVat, x.Money(invoice.TotalVatAmount));
        Row(text, l.Total, x.Money(invoice.TotalAmount));
        Assert.True(invoice.TotalWithholdingTax > 0);
        Row(text, l.Withholding, x.Money(invoice.TotalWithholdingTax!.Value));
        Row(text, l.Incentives, x.Minus(2500));
        Assert.Equal(invoice.TotalAmount - 2500, invoice.AmountDue);
        Row(text, l.AmountDue, x.Money(invoice.AmountDue));

        // Payment terms: 2 % within 10 days of issue, the rest by the due date.
        Has(text, l.Terms);
        var issued = DateOnly.FromDateTime(invoice.IssueDate!.Value.UtcDateTime);
        var early = invoice.AmountDue - (long)Math.Round(invoice.AmountDue * 0.02m, MidpointRounding.AwayFromZero);
        Has(text, string.Format(System.Globalization.CultureInfo.InvariantCulture, l.EarlyDiscount, "2 %", x.Date(issued.AddDays(10)), x.Money(early)));
        Has(text, string.Format(System.Globalization.CultureInfo.InvariantCulture, l.NetDue, x.Money(invoice.AmountDue), x.Date(invoice.DueDate!.Value)));

        // The entity's bank account and the reference to pay with.
        Has(text, $"{l.Holder}: Issuer GmbH");
        Has(text, $"{l.Bank}: Commerzbank");
        Has(text, $"{l.Iban}: DE89 3704 0044 0532 0130 00");
        Has(text, $"{l.Bic}: COBADEFFXXX");
        Has(text, $"{l.Reference}: INV-00001");
        Has(text, RenderingScenarios.Footer);
        Has(text, "1 / 1");
    }
}
