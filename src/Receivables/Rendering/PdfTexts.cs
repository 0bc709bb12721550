namespace Receivables.Rendering;

/// <summary>
/// The printed words of a document in one language. English and German are written out; any other language code
/// prints English (<see cref="For"/> says which was chosen), since a document in a language half-translated by
/// machine would be worse than one in English.
/// </summary>
internal sealed record PdfTexts
{
    public required string Language { get; init; }
    public required string Invoice { get; init; }
    public required string Quote { get; init; }
    public required string CreditNote { get; init; }
    public required string Draft { get; init; }
    public required string DraftNotice { get; init; }
    public required string Number { get; init; }
    public required string NotYetNumbered { get; init; }
    public required string IssueDate { get; init; }
    public required string DueDate { get; init; }
    public required string FulfillmentDate { get; init; }
    public required string PurchaseOrder { get; init; }
    public required string CreditsInvoice { get; init; }
    public required string Currency { get; init; }
    public required string From { get; init; }
    public required string BillTo { get; init; }
    public required string ShipTo { get; init; }
    public required string VatId { get; init; }
    public required string TaxId { get; init; }
    public required string Registration { get; init; }
    public required string Contact { get; init; }
    // Line item columns (document_rendering.line_items keys)
    public required string ColumnName { get; init; }
    public required string ColumnQuantity { get; init; }
    public required string ColumnUnit { get; init; }
    public required string ColumnPrice { get; init; }
    public required string ColumnPriceAfterVat { get; init; }
    public required string ColumnDiscount { get; init; }
    public required string ColumnVatRate { get; init; }
    public required string ColumnVatAmount { get; init; }
    public required string ColumnTotal { get; init; }
    public required string ColumnTotalAfterVat { get; init; }
    // Totals
    public required string Subtotal { get; init; }
    public required string Discount { get; init; }
    public required string SubtotalAfterDiscount { get; init; }
    public required string VatBreakdown { get; init; }
    public required string VatRate { get; init; }
    public required string TaxableAmount { get; init; }
    public required string VatAmount { get; init; }
    public required string TotalVat { get; init; }
    public required string Total { get; init; }
    public required string WithholdingTax { get; init; }
    public required string DefaultDeductionTitle { get; init; }
    public required string AmountPaid { get; init; }
    public required string AmountDue { get; init; }
    public required string AmountCredited { get; init; }
    public required string VatExempt { get; init; }
    // Payment
    public required string PaymentTerms { get; init; }
    /// <summary>{0} discount, {1} deadline date, {2} amount to pay by then.</summary>
    public required string EarlyPaymentDiscount { get; init; }
    /// <summary>{0} days.</summary>
    public required string WithinDays { get; init; }
    /// <summary>{0} amount, {1} due date.</summary>
    public required string NetDue { get; init; }
    public required string BankAccount { get; init; }
    public required string AccountHolder { get; init; }
    public required string Bank { get; init; }
    public required string Iban { get; init; }
    public required string Bic { get; init; }
    public required string AccountNumber { get; init; }
    public required string SortCode { get; init; }
    public required string RoutingNumber { get; init; }
    public required string PaymentReference { get; init; }
    public required string QrTransferCaption { get; init; }
    public required string QrLinkCaption { get; init; }
    // Quote
    public required string ValidUntil { get; init; }
    public required string Signature { get; init; }
    /// <summary>{0} name, {1} email, {2} date.</summary>
    public required string SignedBy { get; init; }
    public required string SignatureLine { get; init; }
    public required string Page { get; init; }
    public required string[] Months { get; init; }
    public required string DecimalSeparator { get; init; }
    public required string GroupSeparator { get; init; }
    /// <summary>Whether the currency code goes after the amount ("1.234,56 EUR") or before it ("EUR 1,234.56").</summary>
    public required bool CurrencyAfterAmount { get; init; }
    /// <summary>Dates as 29.11.2026 (true) or as 29 Nov 2026 (false).</summary>
    public required bool NumericDates { get; init; }

    public static readonly PdfTexts English = new()
    {
        Language = "en",
        Invoice = "Invoice", Quote = "Quote", CreditNote = "Credit note",
        Draft = "DRAFT", DraftNotice = "DRAFT – preview, not a valid document",
        Number = "Number", NotYetNumbered = "not yet issued",
        IssueDate = "Issue date", DueDate = "Due date", FulfillmentDate = "Fulfillment date",
        PurchaseOrder = "Purchase order", CreditsInvoice = "Credits invoice", Currency = "Currency",
        From = "From", BillTo = "Bill to", ShipTo = "Ship to",
        VatId = "VAT ID", TaxId = "Tax ID", Registration = "Registration", Contact = "Contact",
        ColumnName = "Item", ColumnQuantity = "Qty", ColumnUnit = "Unit", ColumnPrice = "Unit price",
        ColumnPriceAfterVat = "Price incl. VAT", ColumnDiscount = "Discount", ColumnVatRate = "VAT", ColumnVatAmount = "VAT amount",
        ColumnTotal = "Total", ColumnTotalAfterVat = "Total incl. VAT",
        Subtotal = "Subtotal", Discount = "Discount", SubtotalAfterDiscount = "Subtotal after discount",
        VatBreakdown = "VAT breakdown", VatRate = "VAT rate", TaxableAmount = "Taxable amount", VatAmount = "VAT",
        TotalVat = "Total VAT", Total = "Total", WithholdingTax = "Withholding tax", DefaultDeductionTitle = "Incentives",
        AmountPaid = "Amount paid", AmountDue = "Amount due", AmountCredited = "Amount credited",
        VatExempt = "VAT exempt",
        PaymentTerms = "Payment terms",
        EarlyPaymentDiscount = "{0} discount if paid by {1}: {2}", WithinDays = "within {0} days",
        NetDue = "Pay {0} by {1}",
        BankAccount = "Bank account", AccountHolder = "Account holder", Bank = "Bank", Iban = "IBAN", Bic = "BIC",
        AccountNumber = "Account number", SortCode = "Sort code", RoutingNumber = "Routing number",
        PaymentReference = "Payment reference",
        QrTransferCaption = "Scan to pay by bank transfer",
        QrLinkCaption = "Scan to pay online",
        ValidUntil = "Valid until", Signature = "Signature", SignedBy = "Accepted and signed by {0} ({1}) on {2}",
        SignatureLine = "Signature, name, date",
        Page = "Page",
        Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        DecimalSeparator = ".", GroupSeparator = ",", CurrencyAfterAmount = false, NumericDates = false,
    };

    public static readonly PdfTexts German = new()
    {
        Language = "de",
        Invoice = "Rechnung", Quote = "Angebot", CreditNote = "Gutschrift",
        Draft = "ENTWURF", DraftNotice = "ENTWURF – Vorschau, kein gültiges Dokument",
        Number = "Nummer", NotYetNumbered = "noch nicht ausgestellt",
        IssueDate = "Ausstellungsdatum", DueDate = "Fällig am", FulfillmentDate = "Leistungsdatum",
        PurchaseOrder = "Bestellnummer", CreditsInvoice = "Gutschrift zu Rechnung", Currency = "Währung",
        From = "Von", BillTo = "Rechnungsempfänger", ShipTo = "Lieferanschrift",
        VatId = "USt-IdNr.", TaxId = "Steuernummer", Registration = "Handelsregister", Contact = "Ansprechpartner",
        ColumnName = "Position", ColumnQuantity = "Menge", ColumnUnit = "Einheit", ColumnPrice = "Einzelpreis",
        ColumnPriceAfterVat = "Preis inkl. USt", ColumnDiscount = "Rabatt", ColumnVatRate = "USt", ColumnVatAmount = "USt-Betrag",
        ColumnTotal = "Gesamt", ColumnTotalAfterVat = "Gesamt inkl. USt",
        Subtotal = "Zwischensumme", Discount = "Rabatt", SubtotalAfterDiscount = "Zwischensumme nach Rabatt",
        VatBreakdown = "USt je Steuersatz", VatRate = "Steuersatz", TaxableAmount = "Nettobetrag", VatAmount = "USt",
        TotalVat = "Umsatzsteuer gesamt", Total = "Gesamtbetrag", WithholdingTax = "Quellensteuer", DefaultDeductionTitle = "Nachlässe",
        AmountPaid = "Bereits bezahlt", AmountDue = "Zu zahlender Betrag", AmountCredited = "Gutgeschriebener Betrag",
        VatExempt = "Umsatzsteuerbefreit",
        PaymentTerms = "Zahlungsbedingungen",
        EarlyPaymentDiscount = "{0} Skonto bei Zahlung bis {1}: {2}", WithinDays = "innerhalb von {0} Tagen",
        NetDue = "Zahlbar {0} bis {1}",
        BankAccount = "Bankverbindung", AccountHolder = "Kontoinhaber", Bank = "Bank", Iban = "IBAN", Bic = "BIC",
        AccountNumber = "Kontonummer", SortCode = "Sort Code", RoutingNumber = "Routing Number",
        PaymentReference = "Verwendungszweck",
        QrTransferCaption = "Scannen und überweisen (GiroCode)",
        QrLinkCaption = "Scannen und online bezahlen",
        ValidUntil = "Gültig bis", Signature = "Unterschrift", SignedBy = "Angenommen und unterschrieben von {0} ({1}) am {2}",
        SignatureLine = "Unterschrift, Name, Datum",
        Page = "Seite",
        Months = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
        DecimalSeparator = ",", GroupSeparator = ".", CurrencyAfterAmount = true, NumericDates = true,
    };

    /// <summary>The texts for an ISO 639-1 code; a language without texts prints English.</summary>
    public static PdfTexts For(string? language) => language switch
    {
        "de" => German,
        _ => English,
    };

    public string Title(Documents.Receivable document) => document switch
    {
        Documents.Quote => Quote,
        Documents.CreditNote => CreditNote,
        _ => Invoice,
    };
}
