using System.Globalization;
using Receivables.Domain.Payments;
using Receivables.Rendering;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Rendering.PdfAssert;

namespace Receivables.Tests.Rendering;

/// <summary>
/// The QR code printed on the invoice, read back the way a banking app reads paper: the page rasterized at 300 dpi
/// (pdftoppm), the code found and decoded by ZXing, and the text checked field by field against EPC069-12.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class QrCodePdfTests(ApiHost api)
{
    private static readonly ReceivablePdfRenderer Renderer = new();

    [Theory]
    [InlineData("en", "Issuer GmbH", "Scan to pay by bank transfer")]
    [InlineData("de", "Müller & Söhne Gärtnerei GmbH", "Scannen und überweisen (GiroCode)")]
    public async Task The_epc_code_on_the_invoice_decodes_to_the_payload_in_the_layout_of_epc069_12(string language, string beneficiary, string caption)
    {
        var invoice = (await RenderingScenarios.OfAsync(api)).TenLines;
        var account = invoice.EntityBankAccount!;
        var payload = EpcCreditTransfer.Payload(beneficiary, account.Iban, account.Bic, invoice.Currency, invoice.AmountDue, invoice.DocumentId);
        Assert.NotNull(payload);
        var pdf = Renderer.Render(invoice, new PdfOptions { Language = language, QrPayload = payload });

        var (decoded, level) = Read(pdf);
        Assert.Equal(payload, decoded);
        Assert.Equal("M", level);                                // EPC069-12 asks for error correction level M
        var fields = decoded.Split('\n');
        Assert.Equal("BCD", fields[0]);                          // service tag
        Assert.Equal("002", fields[1]);                          // version
        Assert.Equal("1", fields[2]);                            // character set: UTF-8
        Assert.Equal("SCT", fields[3]);                          // SEPA credit transfer
        Assert.Equal("COBADEFFXXX", fields[4]);                  // BIC of the beneficiary's bank
        Assert.Equal(beneficiary, fields[5]);                    // beneficiary name (≤ 70), UTF-8 intact
        Assert.Equal("DE89370400440532013000", fields[6]);       // IBAN without spaces
        Assert.Equal("EUR" + (invoice.AmountDue / 100m).ToString("0.00", CultureInfo.InvariantCulture), fields[7]);
        Assert.Equal("EUR5847.37", fields[7]);
        Assert.Equal("", fields[8]);                             // purpose
        Assert.Equal("", fields[9]);                             // structured reference (RF) unused...
        Assert.Equal("INV-00001", fields[10]);                   // ...the invoice number is the unstructured remittance
        Assert.Equal(11, fields.Length);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(decoded) <= 331);

        Has(PdfTools.Text(pdf), caption);
    }

    [Fact]
    public async Task A_payment_page_link_is_printed_as_a_code_with_its_own_caption()
    {
        var invoice = (await RenderingScenarios.OfAsync(api)).TenLines;
        const string url = "https://pay.example/p/3f1c2e9a-5b7d-4c1e-9f00-123456789abc";
        var pdf = Renderer.Render(invoice, new PdfOptions { Language = "en", QrPayload = url });
        Assert.Equal(url, Read(pdf).Text);
        Has(PdfTools.Text(pdf), "Scan to pay online");
    }

    [Fact]
    public async Task Without_a_payload_no_code_is_printed()
    {
        var invoice = (await RenderingScenarios.OfAsync(api)).TenLines;
        var pdf = Renderer.Render(invoice, new PdfOptions { Language = "en" });
        Assert.Throws<Xunit.Sdk.XunitException>(() => Read(pdf));
        Lacks(PdfTools.Text(pdf), "Scan");
    }

    private static (string Text, string? Level) Read(byte[] pdf)
    {
        var (width, height, pixels) = PdfTools.GreyPage(pdf, 1, 300);
        return QrDecoder.Decode(pixels, width, height);
    }
}
