using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Counterparts;

/// <summary>Bodies and calls the counterpart tests share.</summary>
public static class CounterpartApi
{
    public static object Address(string city = "Berlin") => new { country = "DE", city, postal_code = "10115", line1 = "Friedrichstraße 1" };

    public static object Organization(string name = "Buyer AG", bool isCustomer = true, bool isVendor = false) => new
    {
        type = "organization",
        organization = new
        {
            legal_name = name, is_customer = isCustomer, is_vendor = isVendor, email = "ap@buyer.example", phone = "+49 30 555",
            address = Address(), tag_ids = Array.Empty<Guid>(),
        },
        language = "de",
        tax_id = "DE811907980",
        external_reference = "CRM-1",
        reminders_enabled = false,
    };

    public static object Individual(string first = "Ada", string last = "Lovelace", bool isCustomer = true) => new
    {
        type = "individual",
        individual = new
        {
            first_name = first, last_name = last, title = "Dr.", is_customer = isCustomer, is_vendor = false,
            email = "ada@example.org", phone = "+44 20 1", address = new { country = "GB", city = "London", postal_code = "W1 1AA", line1 = "1 St James's Sq", line2 = "Flat 2", state = "London" },
        },
    };

    public static object Contact(string first = "Mary") => new
    {
        first_name = first, last_name = "O'Brien", email = "mary@buyer.example", phone = "+49 30 556", title = "Ms.",
        address = Address("Potsdam"),
    };

    public static object VatId(string value = "DE811907980") => new { country = "DE", type = "eu_vat", value };

    public static async Task<JsonObject> CreateAsync(ApiHost api, Guid entity, object? body = null)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/counterparts", body ?? Organization(), entity);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    /// <summary>Sends and expects <paramref name="expected"/>; returns the body (empty for 204) and the ETag.</summary>
    public static async Task<(JsonObject Body, string? ETag)> SendAsync(ApiHost api, HttpMethod method, string path, object? body, Guid entity, HttpStatusCode expected, string? ifMatch = null)
    {
        using var response = await api.SendAsync(method, path, body, entity, configure: ifMatch is null ? null : r => r.Headers.TryAddWithoutValidation("If-Match", ifMatch));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {expected}, got {response.StatusCode} {text}");
        var json = text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
        return (json, response.Headers.ETag?.Tag);
    }

    public static string Id(JsonObject body) => body["id"]!.GetValue<string>();
}
