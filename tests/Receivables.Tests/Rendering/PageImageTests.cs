using Receivables.Rendering;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Rendering;

/// <summary>
/// Page 1 of the 10-line invoice with its EPC QR code as PNG (pdftoppm, 80 dpi), in English and German: checked to be A4 pages, and
/// copied to the folder named by RECEIVABLES_PAGE_IMAGES when set (how docs/images/invoice-*.png are made:
/// <c>RECEIVABLES_PAGE_IMAGES=$PWD/docs/images dotnet test --filter PageImageTests</c>).
/// </summary>
[Collection(ApiTests.Name)]
public sealed class PageImageTests(ApiHost api)
{
    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task Page_one_of_the_ten_line_invoice_rasterizes_as_an_a4_page(string language)
    {
        var invoice = (await RenderingScenarios.OfAsync(api)).TenLines;
        // With the EPC transfer code, the QR code an issued invoice carries before any payment link exists (issue 11).
        var account = invoice.EntityBankAccount!;
        var epc = Receivables.Domain.Payments.EpcCreditTransfer.Payload(account.AccountHolderName, account.Iban, account.Bic, invoice.Currency, invoice.AmountDue, invoice.DocumentId);
        var pdf = new ReceivablePdfRenderer().Render(invoice, new PdfOptions { Language = language, QrPayload = epc });
        var png = Path.Combine(Path.GetTempPath(), $"invoice-{language}-{Guid.NewGuid():N}.png");
        try
        {
            PdfTools.PngPage1(pdf, 80, png);
            var bytes = File.ReadAllBytes(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            // IHDR: width and height, big-endian, at bytes 16..23. A4 at 80 dpi: 8.27 × 11.69 in.
            var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
            var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
            Assert.InRange(width, 660, 663);
            Assert.InRange(height, 934, 936);
            if (Environment.GetEnvironmentVariable("RECEIVABLES_PAGE_IMAGES") is { Length: > 0 } folder)
                File.Copy(png, Path.Combine(folder, $"invoice-{language}.png"), overwrite: true);
        }
        finally { File.Delete(png); }
    }
}
