using Receivables.Rendering;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Rendering.PdfAssert;

namespace Receivables.Tests.Rendering;

/// <summary>A table longer than a page, and currencies with no and with three minor units.</summary>
[Collection(ApiTests.Name)]
public sealed class PagingAndCurrencyPdfTests(ApiHost api)
{
    private static readonly ReceivablePdfRenderer Renderer = new();

    [Fact]
    public async Task Sixty_lines_run_onto_further_pages_with_the_header_repeated_and_page_numbers()
    {
        var invoice = (await RenderingScenarios.OfAsync(api)).SixtyLines;
        var pages = PdfTools.Pages(Renderer.Render(invoice, new PdfOptions { Language = "en" }));

        Assert.True(pages.Length >= 2, $"{pages.Length} page(s)");
        for (var i = 0; i < pages.Length; i++)
        {
            Has(pages[i], $"{i + 1} / {pages.Length}");
            Row(pages[i], "#", "Item", "Qty", "Unit", "Unit price");
            if (i > 0) Has(pages[i], $"Invoice {invoice.DocumentId}");
        }
        // Every line exactly once, in order across the pages.
        var text = string.Join('\n', pages);
        var at = -1;
        for (var n = 1; n <= 60; n++)
        {
            Assert.Equal(1, Count(text, $"Service item {n:00}"));
            var position = text.IndexOf($"Service item {n:00}", StringComparison.Ordinal);
            Assert.True(position > at, $"line {n} out of order");
            at = position;
        }
        // The totals come after the last line.
        Assert.True(text.IndexOf("Amount due", StringComparison.Ordinal) > at);
        Row(pages[^1], "Amount due", new PdfExpect("en", "EUR", 2).Money(invoice.AmountDue));
    }

    [Theory]
    [InlineData("en", "JPY 450,000", "JPY 12,345")]
    [InlineData("de", "450.000 JPY", "12.345 JPY")]
    public async Task Yen_amounts_have_no_decimals(string language, string consulting, string travel)
    {
        var invoice = (await RenderingScenarios.OfAsync(api)).YenDraft;
        Assert.Equal("JPY", invoice.Currency);
        var x = new PdfExpect(language, "JPY", 0);
        var text = PdfTools.Text(Renderer.Render(invoice, new PdfOptions { Language = language, Preview = true }));

        Row(text, "Consulting (JPY)", "3", language == "en" ? "150,000" : "150.000", "19 %", language == "en" ? "450,000" : "450.000");
        Has(text, consulting);
        Has(text, travel);
        Has(text, x.Money(invoice.TotalAmount));
        Assert.Matches(@"JPY \d{1,3}(,\d{3})*$|^\d{1,3}(\.\d{3})* JPY", x.Money(invoice.TotalAmount));
        Lacks(text, language == "en" ? "450,000.00" : "450.000,00");
    }

    [Theory]
    [InlineData("en", "1,234.567", "KWD 2,469.134")]
    [InlineData("de", "1.234,567", "2.469,134 KWD")]
    public async Task Kuwaiti_dinar_amounts_have_three_decimals(string language, string price, string subtotal)
    {
        var invoice = (await RenderingScenarios.OfAsync(api)).DinarDraft;
        Assert.Equal(2469134, invoice.Subtotal);
        var text = PdfTools.Text(Renderer.Render(invoice, new PdfOptions { Language = language, Preview = true }));
        Row(text, "Consulting (KWD)", "2", price);
        Has(text, subtotal);
        Has(text, new PdfExpect(language, "KWD", 3).Money(invoice.TotalAmount));
    }
}
