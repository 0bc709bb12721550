using Receivables.Documents;
using Receivables.Rendering;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Rendering.DocumentKindsPdfTests;
using static Receivables.Tests.Rendering.PdfAssert;

namespace Receivables.Tests.Rendering;

/// <summary>
/// <c>document_rendering</c> (spec 4.5.6): columns shown, hidden, relabelled and given a precision; the bank account
/// shown or hidden per document type; the document's settings over the entity's; the entity's deduction title.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class RenderingSettingsPdfTests(ApiHost api)
{
    private static readonly ReceivablePdfRenderer Renderer = new();

    [Fact]
    public async Task Columns_are_hidden_relabelled_and_given_a_precision()
    {
        var invoice = RenderingScenarios.Copy((await RenderingScenarios.OfAsync(api)).TenLines);
        invoice.DocumentRendering = Json("""
            {"line_items": {
                "discount": {"display": false}, "measure_unit": {"display": false},
                "price_after_vat": {"display": false}, "total_price_after_vat": {"display": false},
                "price": {"label": "Rate", "precision": 3}, "vat_amount": {"display": true, "label": "Tax"},
                "vat_rate": {"precision": 2}, "name": {"label": "Description"}}}
            """);
        var text = PdfTools.Text(Renderer.Render(invoice, new PdfOptions { Language = "en" }));

        var header = Row(text, "#", "Description", "Qty", "Rate", "VAT", "Tax", "Total");
        foreach (var hidden in new[] { "Unit", "Discount", "incl." })
            Assert.DoesNotContain(hidden, header, StringComparison.Ordinal);
        Lacks(text, "incl. VAT");
        // Consulting: 8 h at 120.000 (three places), 19.00 % (two), VAT 182.40, total 960.00; no unit, no gross columns.
        var row = Row(text, "Consulting", "8", "120.000", "19.00 %", "182.40", "960.00");
        Assert.DoesNotContain(" h ", row, StringComparison.Ordinal);
        Assert.DoesNotContain("1,142.40", row, StringComparison.Ordinal);
        // The 10 % line discount is not printed; its effect on the total is.
        var workshop = Row(text, "Workshop preparation", "450.000", "19.00 %", "405.00");
        Assert.DoesNotContain("10 %", workshop, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_line_items_table_can_be_left_out()
    {
        var invoice = RenderingScenarios.Copy((await RenderingScenarios.OfAsync(api)).TenLines);
        invoice.DocumentRendering = Json("""{"display_line_items": false}""");
        var text = PdfTools.Text(Renderer.Render(invoice, new PdfOptions { Language = "en" }));
        Lacks(text, "Workshop preparation");
        Row(text, "Amount due", new PdfExpect("en", "EUR", 2).Money(invoice.AmountDue));
    }

    [Theory]
    [InlineData("""{"display_entity_bank_account": false}""", null, false)]
    [InlineData("""{"invoice": {"display_entity_bank_account": false}}""", null, false)]
    [InlineData("""{"quote": {"display_entity_bank_account": false}}""", null, true)]
    [InlineData(null, """{"invoice": {"display_entity_bank_account": false}}""", false)]
    [InlineData("""{"invoice": {"display_entity_bank_account": true}}""", """{"display_entity_bank_account": false}""", true)]
    [InlineData("""{"display_entity_bank_account": false, "invoice": {"display_entity_bank_account": true}}""", null, true)]
    public async Task The_bank_account_is_shown_as_the_document_then_the_entity_says(string? document, string? entity, bool shown)
    {
        var invoice = RenderingScenarios.Copy((await RenderingScenarios.OfAsync(api)).TenLines);
        invoice.DocumentRendering = document is null ? null : Json(document);
        var text = PdfTools.Text(Renderer.Render(invoice, new PdfOptions { Language = "en", EntityRendering = entity is null ? null : Json(entity) }));
        if (shown) Has(text, "IBAN: DE89 3704 0044 0532 0130 00");
        else Lacks(text, "DE89");
        Row(text, "Amount due");
    }

    [Fact]
    public async Task Entity_column_settings_apply_unless_the_document_sets_its_own()
    {
        var invoice = RenderingScenarios.Copy((await RenderingScenarios.OfAsync(api)).TenLines);
        var entity = Json("""{"line_items": {"quantity": {"label": "Hours"}, "discount": {"display": false}}}""");
        invoice.DocumentRendering = Json("""{"line_items": {"discount": {"display": true, "label": "Rebate"}}}""");
        var text = PdfTools.Text(Renderer.Render(invoice, new PdfOptions { Language = "en", EntityRendering = entity }));
        Row(text, "Item", "Hours", "Unit", "Rebate");
    }

    [Fact]
    public async Task Wrong_types_in_a_stored_document_setting_count_as_unset()
    {
        var invoice = RenderingScenarios.Copy((await RenderingScenarios.OfAsync(api)).TenLines);
        invoice.DocumentRendering = Json("""{"display_entity_bank_account": "no", "line_items": {"price": {"precision": 9, "label": ""}, "discount": []}}""");
        var text = PdfTools.Text(Renderer.Render(invoice, new PdfOptions { Language = "en" }));
        Has(text, "IBAN");
        Row(text, "Consulting", "120.00", "142.80");
        Row(text, "Unit price", "Price incl.", "Discount");
    }

    [Theory]
    [InlineData("en", null, "Incentives: Loyalty bonus")]
    [InlineData("de", null, "Nachlässe: Loyalty bonus")]
    [InlineData("en", "Rewards", "Rewards: Loyalty bonus")]
    public async Task Deductions_carry_the_entitys_deduction_title(string language, string? title, string expected)
    {
        var invoice = (await RenderingScenarios.OfAsync(api)).TenLines;
        var text = PdfTools.Text(Renderer.Render(invoice, new PdfOptions { Language = language, DeductionTitle = title }));
        Row(text, expected, new PdfExpect(language, "EUR", 2).Minus(2500));
    }
}
