using System.Net;
using System.Text.Json.Nodes;
using Receivables.Domain;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Catalog;

/// <summary><c>GET /v1/internal/currencies</c>: every currency the API takes, with its ISO 4217 minor units.</summary>
[Collection(ApiTests.Name)]
public sealed class CurrencyTests(ApiHost api)
{
    [Fact]
    public async Task lists_every_currency_the_api_takes_with_name_symbol_and_minor_units()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "/v1/internal/currencies");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var currencies = JsonNode.Parse(text)!.AsObject();

        Assert.Equal(Codes.Currencies.Order(StringComparer.Ordinal), currencies.Select(c => c.Key));
        foreach (var (code, details) in currencies)
        {
            var d = details!.AsObject();
            Assert.Equal(["name", "symbol", "minor_units"], d.Select(p => p.Key));
            Assert.Equal(Currencies.MinorUnits(code), d["minor_units"]!.GetValue<int>());
            Assert.False(string.IsNullOrWhiteSpace(d["name"]!.GetValue<string>()), code);
            Assert.False(string.IsNullOrWhiteSpace(d["symbol"]!.GetValue<string>()), code);
        }
        Assert.Equal(("Euro", "€", 2), Details(currencies, "EUR"));
        Assert.Equal(("US Dollar", "$", 2), Details(currencies, "USD"));
        Assert.Equal(0, Details(currencies, "JPY").MinorUnits);
        Assert.Equal(3, Details(currencies, "KWD").MinorUnits);
    }

    [Fact]
    public async Task needs_a_token_but_no_entity()
    {
        using var anonymous = await api.SendAsync(HttpMethod.Get, "/v1/internal/currencies", configure: r => r.Headers.Authorization = null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static (string Name, string Symbol, int MinorUnits) Details(JsonObject currencies, string code) =>
        (currencies[code]!["name"]!.GetValue<string>(), currencies[code]!["symbol"]!.GetValue<string>(), currencies[code]!["minor_units"]!.GetValue<int>());
}
