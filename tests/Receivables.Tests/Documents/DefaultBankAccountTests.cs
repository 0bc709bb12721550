using System.Net;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Documents;

/// <summary>An invoice that names no bank account is paid into the entity's default account for its currency.</summary>
[Collection(ApiTests.Name)]
public sealed class DefaultBankAccountTests(ApiHost api)
{
    [Fact]
    public async Task an_invoice_without_a_bank_account_gets_the_default_of_its_currency_and_can_be_issued()
    {
        var w = await DocumentWorld.CreateAsync(api);
        // A second EUR account made the default, and a USD one: the EUR default is the one taken.
        var usd = await w.PostAsync("/v1/bank_accounts", new { account_holder_name = "Issuer GmbH", country = "US", currency = "USD", account_number = "123456789", routing_number = "021000021" });
        var eur = await w.PostAsync("/v1/bank_accounts", new { account_holder_name = "Issuer GmbH", bic = "DEUTDEFFXXX", country = "DE", currency = "EUR", iban = "DE02120300000000202051", is_default_for_currency = true });
        var body = DocumentWorld.Node(w.Invoice());
        body.Remove("entity_bank_account_id");
        var (invoice, _) = await w.CreateAsync(body);
        Assert.Equal(eur["id"]!.GetValue<string>(), invoice["entity_bank_account"]!["id"]!.GetValue<string>());
        Assert.NotEqual(usd["id"]!.GetValue<string>(), invoice["entity_bank_account"]!["id"]!.GetValue<string>());
        var (issued, answer, _) = await w.SendAsync(HttpMethod.Post, $"/v1/receivables/{invoice["id"]}/issue");
        Assert.True(issued == HttpStatusCode.OK, answer.ToJsonString());
    }

    [Fact]
    public async Task without_an_account_in_the_currency_the_invoice_has_none_and_quotes_never_get_one()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var body = DocumentWorld.Node(w.Invoice());
        body.Remove("entity_bank_account_id");
        body["currency"] = "CHF";
        body["line_items"] = new System.Text.Json.Nodes.JsonArray(DocumentWorld.Node(DocumentWorld.InlineLine("Audit", 10_000, 1, DocumentWorld.Vat19, currency: "CHF")));
        var (invoice, _) = await w.CreateAsync(body);
        Assert.Null(invoice["entity_bank_account"]);
        var (quote, _) = await w.CreateAsync(w.Quote());
        Assert.Null(quote["entity_bank_account"]);
    }
}
