using System.Globalization;
using System.Text;
using QRCoder;
using Receivables.Api;
using Receivables.Domain.Payments;

namespace Receivables.PaymentLinks;

/// <summary>
/// The hosted payment page of a link (spec 6.8, 5.9): who is paid, for which invoice, how much, the bank details and
/// their EPC QR code for a SEPA credit transfer, the PDF and the way back. An expired link or a paid invoice says so
/// and shows no amount or bank details; an unknown page says only that.
/// </summary>
public static class PaymentPage
{
    /// <summary>Pixels per QR module in the PNG: 8 gives a code of about 400-500 px that a phone reads from a screen.</summary>
    private const int PixelsPerModule = 8;

    public static ApiResponse Render(PaymentPageView view)
    {
        var link = view.Link;
        var invoice = view.Invoice;
        var payee = PaymentLinkOperations.EntityName(invoice.Entity) ?? "";
        var number = invoice.DocumentId ?? "";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>{HtmlPage.Encode(payee)}</h1><p class=\"sub\">Invoice <span id=\"invoice-number\">{HtmlPage.Encode(number)}</span></p>");
        switch (view.Status)
        {
            case PaymentLinkStatus.Succeeded:
                html.Append("<div class=\"state paid\" id=\"state\" data-status=\"succeeded\"><strong>This invoice has been paid.</strong> Thank you; there is nothing left to pay through this link.</div>");
                ReturnLink(html, link.ReturnUrl);
                return ApiResponse.Page(200, HtmlPage.Render($"Invoice {number} paid", html.ToString()));
            case PaymentLinkStatus.Expired:
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"state expired\" id=\"state\" data-status=\"expired\"><strong>This payment link has expired.</strong> Please ask {HtmlPage.Encode(payee)} for a new one.</div>");
                return ApiResponse.Page(410, HtmlPage.Render("Payment link expired", html.ToString()));
        }

        html.Append(CultureInfo.InvariantCulture, $"<div class=\"state\" id=\"state\" data-status=\"created\">Amount to pay</div><div class=\"amount\" id=\"amount\">{HtmlPage.Encode(Amount(view.AmountToPay, link.Currency))}</div>");
        if (invoice.DueDate is { } due) html.Append(CultureInfo.InvariantCulture, $"<p>Due <span id=\"due-date\">{HtmlPage.Encode(due.ToString("d MMMM yyyy", CultureInfo.InvariantCulture))}</span></p>");
        if (link.PaymentMethods.Contains(PaymentMethod.SepaCredit) && invoice.EntityBankAccount is { } bank)
        {
            var holder = string.IsNullOrWhiteSpace(bank.AccountHolderName) ? payee : bank.AccountHolderName;
            html.Append("<h2>Pay by bank transfer</h2><dl>");
            html.Append(CultureInfo.InvariantCulture, $"<dt>Account holder</dt><dd id=\"account-holder\">{HtmlPage.Encode(holder)}</dd>");
            html.Append(CultureInfo.InvariantCulture, $"<dt>IBAN</dt><dd id=\"iban\">{HtmlPage.Encode(GroupedIban(bank.Iban))}</dd>");
            if (!string.IsNullOrWhiteSpace(bank.Bic)) html.Append(CultureInfo.InvariantCulture, $"<dt>BIC</dt><dd id=\"bic\">{HtmlPage.Encode(bank.Bic)}</dd>");
            html.Append(CultureInfo.InvariantCulture, $"<dt>Reference</dt><dd id=\"reference\">{HtmlPage.Encode(number)}</dd></dl>");
            if (EpcCreditTransfer.Payload(holder, bank.Iban, bank.Bic, link.Currency, view.AmountToPay, number) is { } payload)
            {
                html.Append("<div class=\"qr\"><img id=\"epc-qr\" alt=\"EPC QR code: scan with your banking app to pay by SEPA credit transfer\" src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(EpcQrPng(payload))).Append("\"><p class=\"sub\">Scan with your banking app</p></div>");
            }
        }
        if (view.PdfUrl is { } pdf) html.Append(CultureInfo.InvariantCulture, $"<a class=\"button\" id=\"pdf\" href=\"{HtmlPage.Encode(pdf.AbsoluteUri)}\" download>Download the invoice (PDF)</a>");
        ReturnLink(html, link.ReturnUrl);
        html.Append(CultureInfo.InvariantCulture, $"<footer>Payment link valid until {HtmlPage.Encode(link.ExpiresAt.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture))}</footer>");
        return ApiResponse.Page(200, HtmlPage.Render($"Pay invoice {number}", html.ToString()));
    }

    /// <summary>No page for this id: the same answer for an unknown, tampered or foreign id, naming nothing.</summary>
    public static ApiResponse NotFound() =>
        ApiResponse.Page(404, HtmlPage.Render("Payment page not found",
            "<h1>Payment page not found</h1><div class=\"state\" id=\"state\" data-status=\"not_found\">There is no payment page at this address. Check the link you were sent, or ask the sender for a new one.</div>"));

    /// <summary>
    /// The EPC069-12 QR code as a PNG: error correction level M as the standard asks, byte mode in UTF-8 (character set 1
    /// of the payload) without a byte-order mark, quiet zone included.
    /// </summary>
    public static byte[] EpcQrPng(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true, utf8BOM: false);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }

    /// <summary>An amount in minor units written in the currency's own decimals (JPY none, EUR two, BHD three), with its code.</summary>
    public static string Amount(long minor, string currency)
    {
        var digits = Domain.Currencies.MinorUnits(currency);
        return Domain.Currencies.ToMajor(minor, currency).ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency;
    }

    /// <summary>An IBAN in groups of four, as it is printed for people to type.</summary>
    private static string GroupedIban(string? iban)
    {
        var plain = new string((iban ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return string.Join(' ', Enumerable.Range(0, (plain.Length + 3) / 4).Select(i => plain.Substring(i * 4, Math.Min(4, plain.Length - i * 4))));
    }

    private static void ReturnLink(StringBuilder html, string? returnUrl)
    {
        // Checked to be http(s) when the link was created (a javascript: link would run here).
        if (returnUrl is not null)
            html.Append(CultureInfo.InvariantCulture, $"<p><a class=\"plain\" id=\"return\" href=\"{HtmlPage.Encode(returnUrl)}\" rel=\"noreferrer noopener\">Return to platform</a></p>");
    }
}
