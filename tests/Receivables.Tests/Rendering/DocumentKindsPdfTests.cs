using Receivables.Documents;
using Receivables.Rendering;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Rendering.PdfAssert;

namespace Receivables.Tests.Rendering;

/// <summary>What a credit note and a quote print besides what every document prints, and the preview of a draft.</summary>
[Collection(ApiTests.Name)]
public sealed class DocumentKindsPdfTests(ApiHost api)
{
    private static readonly ReceivablePdfRenderer Renderer = new();

    [Theory]
    [InlineData("en", "Credit note", "Credits invoice", "Amount credited")]
    [InlineData("de", "Gutschrift", "Gutschrift zu Rechnung", "Gutgeschriebener Betrag")]
    public async Task A_credit_note_names_the_invoice_it_credits(string language, string title, string credits, string amountCredited)
    {
        var note = (await RenderingScenarios.OfAsync(api)).CreditNote;
        var x = new PdfExpect(language, "EUR", 2);
        var text = PdfTools.Text(Renderer.Render(note, new PdfOptions { Language = language }));

        Assert.StartsWith(title, text.TrimStart(), StringComparison.Ordinal);
        Assert.Equal("INV-00002", note.BasedOnDocumentId);
        Row(text, credits, "INV-00002");
        Row(text, "CN-00001");
        Row(text, "Consulting", "3", "h");
        Row(text, amountCredited, x.Money(note.TotalAmount));
        Assert.Equal(42840, note.TotalAmount); // 3 × 120.00 + 19 %
    }

    [Fact]
    public async Task An_accepted_quote_shows_its_expiry_and_the_signature_when_its_rendering_settings_ask_for_it()
    {
        var scenarios = await RenderingScenarios.OfAsync(api);
        var quote = scenarios.AcceptedQuote;
        Assert.Equal(ReceivableStatus.Accepted, quote.Status);
        Assert.NotNull(quote.Signature);
        var x = new PdfExpect("en", "EUR", 2);

        var text = PdfTools.Text(Renderer.Render(quote, new PdfOptions { Language = "en" }));
        Assert.StartsWith("Quote", text.TrimStart(), StringComparison.Ordinal);
        Row(text, "Valid until", x.Date(new DateOnly(2099, 12, 31)));
        Row(text, "Number", quote.DocumentId!);
        Has(text, $"Accepted and signed by {RenderingScenarios.Signer} ({RenderingScenarios.SignerEmail}) on {x.Date(quote.Signature!.SignedAt)}");
        Lacks(text, "Amount due");

        var german = PdfTools.Text(Renderer.Render(quote, new PdfOptions { Language = "de" }));
        Row(german, "Gültig bis", "31.12.2099");
        Has(german, $"Angenommen und unterschrieben von {RenderingScenarios.Signer} ({RenderingScenarios.SignerEmail}) am {new PdfExpect("de", "EUR", 2).Date(quote.Signature!.SignedAt)}");
    }

    [Fact]
    public async Task The_signature_follows_display_signature_document_over_entity_and_its_image_is_drawn()
    {
        var quote = (await RenderingScenarios.OfAsync(api)).AcceptedQuote;
        Assert.True(HasImage(Renderer.Render(quote, new PdfOptions { Language = "en" })));

        var unset = RenderingScenarios.Copy(quote);
        unset.DocumentRendering = null;
        var plain = Renderer.Render(unset, new PdfOptions { Language = "en" });
        var text = PdfTools.Text(plain);
        Lacks(text, "Accepted and signed by");
        Lacks(text, "Signature");
        Assert.False(HasImage(plain));

        var entityWants = Json("""{"quote":{"display_signature":true}}""");
        Has(PdfTools.Text(Renderer.Render(unset, new PdfOptions { Language = "en", EntityRendering = entityWants })), "Accepted and signed by");

        var documentRefuses = RenderingScenarios.Copy(quote);
        documentRefuses.DocumentRendering = Json("""{"quote":{"display_signature":false}}""");
        Lacks(PdfTools.Text(Renderer.Render(documentRefuses, new PdfOptions { Language = "en", EntityRendering = entityWants })), "Accepted and signed by");
    }

    private static bool HasImage(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.IsMatch(System.Text.Encoding.Latin1.GetString(pdf), @"/Subtype\s*/Image");

    internal static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("en", "DRAFT")]
    [InlineData("de", "ENTWURF")]
    public async Task A_preview_is_marked_as_a_draft_on_every_page(string language, string mark)
    {
        var invoice = (await RenderingScenarios.OfAsync(api)).SixtyLines;
        var pages = PdfTools.Pages(Renderer.Render(invoice, new PdfOptions { Language = language, Preview = true }));
        Assert.True(pages.Length >= 2);
        Assert.All(pages, page => Has(page, mark));

        var final = PdfTools.Pages(Renderer.Render(invoice, new PdfOptions { Language = language }));
        Assert.All(final, page => Lacks(page, mark));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task The_preview_watermark_is_drawn_across_every_page(string language)
    {
        var invoice = (await RenderingScenarios.OfAsync(api)).SixtyLines;
        var preview = Renderer.Render(invoice, new PdfOptions { Language = language, Preview = true });
        var final = Renderer.Render(invoice, new PdfOptions { Language = language });
        Assert.True(DraftWatermark.CanDraw(PdfTexts.For(language).Draft));
        var pages = PdfTools.Pages(final).Length;
        for (var page = 1; page <= pages; page++)
        {
            // The diagonal word covers a band across the page's middle: many more inked pixels there than without it.
            var inkedPreview = InkedInMiddle(PdfTools.GreyPage(preview, page, 40));
            var inkedFinal = InkedInMiddle(PdfTools.GreyPage(final, page, 40));
            Assert.True(inkedPreview > inkedFinal + 1500, $"page {page}: {inkedPreview} inked pixels with the watermark, {inkedFinal} without");
        }
    }

    private static int InkedInMiddle((int Width, int Height, byte[] Pixels) page)
    {
        var inked = 0;
        for (var y = page.Height / 4; y < page.Height * 3 / 4; y++)
            for (var x = 0; x < page.Width; x++)
                if (page.Pixels[(y * page.Width) + x] < 245) inked++;
        return inked;
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("xx")]
    [InlineData("")]
    public async Task A_language_without_texts_prints_english(string language)
    {
        var invoice = (await RenderingScenarios.OfAsync(api)).TenLines;
        var text = PdfTools.Text(Renderer.Render(invoice, new PdfOptions { Language = language }));
        Assert.StartsWith("Invoice", text.TrimStart(), StringComparison.Ordinal);
        Row(text, "Amount due", new PdfExpect("en", "EUR", 2).Money(invoice.AmountDue));
    }
}
