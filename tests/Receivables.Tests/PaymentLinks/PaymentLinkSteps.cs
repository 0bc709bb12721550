using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.PaymentLinks;

/// <summary>Payment link steps over HTTP, on top of <see cref="DocumentWorld"/> and the lifecycle steps.</summary>
public static class PaymentLinkSteps
{
    /// <summary>A create body for a receivable of this world, sepa_credit, paid to the world's entity; <paramref name="change"/> edits it.</summary>
    public static JsonObject LinkBody(this DocumentWorld w, string receivableId, Action<JsonObject>? change = null)
    {
        var body = new JsonObject
        {
            ["payment_methods"] = new JsonArray("sepa_credit"),
            ["recipient"] = new JsonObject { ["type"] = "entity", ["id"] = w.Entity.ToString() },
            ["object"] = new JsonObject { ["type"] = "receivable", ["id"] = receivableId },
        };
        change?.Invoke(body);
        return body;
    }

    public static Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> CreateLinkAsync(this DocumentWorld w, JsonObject body, string? idempotencyKey = null) =>
        idempotencyKey is null
            ? w.SendAsync(HttpMethod.Post, "/v1/payment_links", body)
            : SendWithKeyAsync(w, body, idempotencyKey);

    private static async Task<(HttpStatusCode, JsonObject, string?)> SendWithKeyAsync(DocumentWorld w, JsonObject body, string key)
    {
        using var response = await w.Api.SendAsync(HttpMethod.Post, "/v1/payment_links", body, w.Entity, configure: r => r.Headers.Add("Idempotency-Key", key));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject(), response.Headers.ETag?.Tag);
    }

    /// <summary>A link that must be created (201); the link.</summary>
    public static async Task<JsonObject> LinkAsync(this DocumentWorld w, string receivableId, Action<JsonObject>? change = null)
    {
        var (status, body, _) = await w.CreateLinkAsync(w.LinkBody(receivableId, change));
        Assert.True(status == HttpStatusCode.Created, $"payment link: {status} {body.ToJsonString()}");
        return body;
    }

    public static Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> GetLinkAsync(this DocumentWorld w, string linkId) =>
        w.SendAsync(HttpMethod.Get, $"/v1/payment_links/{linkId}");

    public static Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> ExpireLinkAsync(this DocumentWorld w, string linkId) =>
        w.SendAsync(HttpMethod.Post, $"/v1/payment_links/{linkId}/expire");

    /// <summary>The payment page of a link, opened like a browser: no token, no API headers.</summary>
    public static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> OpenPageAsync(this ApiHost api, string pageUrl)
    {
        var response = await api.Http.GetAsync(new Uri(pageUrl).PathAndQuery);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>Test arrangement: moves a stored link's <c>expires_at</c> (to the past, say), in Cosmos DB directly.</summary>
    public static async Task SetLinkExpiryAsync(this DocumentWorld w, string linkId, DateTimeOffset expiresAt)
    {
        var container = await w.Api.StoreContainerAsync();
        await container.PatchItemAsync<JsonObject>(linkId, new PartitionKey(w.Entity.ToString()),
            [PatchOperation.Set("/expires_at", Receivables.Api.UtcTimestampConverter.Format(expiresAt))]);
    }

    /// <summary>The stored invoice document, storage-only fields included (its PDF revision, its links' claims).</summary>
    public static async Task<JsonObject> StoredAsync(this DocumentWorld w, string id)
    {
        var container = await w.Api.StoreContainerAsync();
        return (await container.ReadItemAsync<JsonObject>(id, new PartitionKey(w.Entity.ToString()))).Resource;
    }
}
