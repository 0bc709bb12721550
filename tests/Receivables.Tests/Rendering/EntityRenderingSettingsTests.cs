using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Receivables.Rendering;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Rendering.PdfAssert;

namespace Receivables.Tests.Rendering;

/// <summary>
/// The entity-level settings the PDF reads (spec 6.7): <c>document_rendering</c> and <c>receivable.deduction_title</c>
/// through GET/PATCH /v1/entities/{id}/settings, validated as the OpenAPI document says, and honoured by the renderer.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class EntityRenderingSettingsTests(ApiHost api)
{
    private async Task<JsonObject> SettingsAsync(Guid entity)
    {
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{entity}/settings");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    [Fact]
    public async Task Unset_they_read_as_null()
    {
        var settings = await SettingsAsync(await api.CreateEntityAsync());
        Assert.True(settings.ContainsKey("document_rendering"));
        Assert.Null(settings["document_rendering"]);
        Assert.True(settings.ContainsKey("receivable"));
        Assert.Null(settings["receivable"]);
    }

    [Fact]
    public async Task Patched_they_are_kept_returned_and_printed()
    {
        var scenarios = await RenderingScenarios.OfAsync(api);
        var entity = scenarios.World.Entity;
        using (var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{entity}/settings", """
            {"document_rendering": {"invoice": {"display_entity_bank_account": false},
                                    "line_items": {"quantity": {"label": "Hours"}, "price": {"precision": 4}, "vat_amount": {"display": true}}},
             "receivable": {"create_without_personal_info": false, "deduction_title": "Rewards"}}
            """))
        {
            var body = await Json.ReadAsync(patched);
            Assert.True(patched.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        }
        var settings = await SettingsAsync(entity);
        Assert.False(settings["document_rendering"]!["invoice"]!["display_entity_bank_account"]!.GetValue<bool>());
        Assert.Equal("Hours", settings["document_rendering"]!["line_items"]!["quantity"]!["label"]!.GetValue<string>());
        Assert.Equal(4, settings["document_rendering"]!["line_items"]!["price"]!["precision"]!.GetValue<int>());
        Assert.Equal("Rewards", settings["receivable"]!["deduction_title"]!.GetValue<string>());
        Assert.False(settings["receivable"]!["create_without_personal_info"]!.GetValue<bool>());
        // Other settings are untouched.
        Assert.Equal("compliant", settings["receivable_edit_flow"]!.GetValue<string>());

        // What the caller of the renderer hands it: the stored entity's settings.
        var stored = (await api.Service<Receivables.Store.DocumentStore>().ReadAsync<Receivables.Entities.Entity>(
            entity, entity.ToString(), Receivables.Entities.Entity.ResourceName, default))!.Document.Settings;
        var text = PdfTools.Text(new ReceivablePdfRenderer().Render(scenarios.TenLines, new PdfOptions
        {
            Language = "en",
            EntityRendering = stored.DocumentRenderingJson(),
            DeductionTitle = stored.Receivable?.DeductionTitle,
        }));
        Lacks(text, "IBAN");
        Row(text, "Item", "Hours", "Unit", "Unit price", "Price incl.", "Discount", "VAT", "VAT", "Total");
        Row(text, "amount"); // "VAT amount", shown at the entity's word, wraps in its column
        Row(text, "Consulting", "8", "h", "120.0000", "142.80", "19 %", "182.40", "960.00");
        Row(text, "Rewards: Loyalty bonus", "EUR -25.00");

        // A later PATCH replaces the object whole: what it leaves out is back to the defaults.
        using (var replaced = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{entity}/settings", """{"document_rendering": {"display_line_items": true}}"""))
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var after = await SettingsAsync(entity);
        Assert.True(after["document_rendering"]!["display_line_items"]!.GetValue<bool>());
        Assert.Null(after["document_rendering"]!["invoice"]);
        Assert.Equal("Rewards", after["receivable"]!["deduction_title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"document_rendering": {"line_items": {"price": {"label": ""}}}}""", "body.document_rendering.line_items.price.label")]
    [InlineData("""{"document_rendering": {"line_items": {"name": {"label": "123456789012345678901234567890123"}}}}""", "body.document_rendering.line_items.name.label")]
    [InlineData("""{"document_rendering": {"line_items": {"vat_rate": {"precision": 1}}}}""", "body.document_rendering.line_items.vat_rate.precision")]
    [InlineData("""{"document_rendering": {"line_items": {"total_price": {"precision": 5}}}}""", "body.document_rendering.line_items.total_price.precision")]
    [InlineData("""{"document_rendering": {"line_items": {"name": {"precision": 2}}}}""", "body.document_rendering.line_items.name.precision")]
    [InlineData("""{"document_rendering": {"line_items": {"colour": {"display": true}}}}""", "body.document_rendering.line_items.colour")]
    [InlineData("""{"document_rendering": {"display_line_items": "yes"}}""", "body.document_rendering.display_line_items")]
    [InlineData("""{"document_rendering": {"quote": {"display_signature": 1}}}""", "body.document_rendering.quote.display_signature")]
    [InlineData("""{"document_rendering": []}""", "body.document_rendering")]
    [InlineData("""{"receivable": {"deduction_title": "Rewards"}}""", "body.receivable.create_without_personal_info")]
    [InlineData("""{"receivable": {"create_without_personal_info": true, "deduction_title": ""}}""", "body.receivable.deduction_title")]
    [InlineData("""{"receivable": {"create_without_personal_info": true, "deduction_title": "123456789012345678901234567890123"}}""", "body.receivable.deduction_title")]
    public async Task Invalid_settings_are_422_at_their_field_and_change_nothing(string json, string loc)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{entity}/settings", json);
        var body = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, body.ToJsonString());
        Assert.Equal(loc, Json.Loc(Json.Detail(body)[0]!));

        var settings = await SettingsAsync(entity);
        Assert.Null(settings["document_rendering"]);
        Assert.Null(settings["receivable"]);
    }

    [Fact]
    public async Task Labels_of_32_characters_and_precisions_2_to_4_are_accepted()
    {
        var entity = await api.CreateEntityAsync();
        var label = new string('L', 32);
        var body = JsonSerializer.Serialize(new
        {
            document_rendering = new
            {
                line_items = new
                {
                    name = new { label = "N" },
                    price = new { label, precision = 2 },
                    vat_amount = new { precision = 4 },
                },
            },
            receivable = new { create_without_personal_info = true, deduction_title = label },
        });
        using var response = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{entity}/settings", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var settings = await Json.ReadAsync(response);
        Assert.Equal(label, settings["document_rendering"]!["line_items"]!["price"]!["label"]!.GetValue<string>());
        Assert.Equal(label, settings["receivable"]!["deduction_title"]!.GetValue<string>());
    }
}
