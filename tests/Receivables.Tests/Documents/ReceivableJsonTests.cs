using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Receivables.Api;
using Receivables.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;

namespace Receivables.Tests.Documents;

/// <summary>
/// <c>GET /receivables/{id}</c> answers from the stored JSON without building the document (<see cref="ReceivableJson"/>).
/// These pin that answer to the object path's, field for field, over documents of every type and in many states, and
/// check that a document of an older shape still gets every field.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class ReceivableJsonTests(ApiHost api)
{
    [Fact]
    public async Task answers_from_the_stored_json_exactly_what_the_document_object_serializes_to()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var ids = new List<string>();

        // A draft with every optional part: inline and catalog lines, discounts, metadata, markup and non-ASCII text.
        var draft = DocumentWorld.Node(w.Invoice(w.CatalogLine(2, new { type = "percentage", amount = 500 }),
            DocumentWorld.InlineLine("Réparation <b> & \"quotes\"", 9_999, 1.5m, DocumentWorld.Vat7)));
        draft["discount"] = new JsonObject { ["type"] = "amount", ["amount"] = 100 };
        draft["partner_metadata"] = new JsonObject { ["crm"] = new JsonObject { ["id"] = "ä-1", ["list"] = new JsonArray(1, 2.5, "x") } };
        draft["memo"] = "Grüße\nzweite Zeile \u2028 😀";
        draft["fulfillment_date"] = LifecycleSteps.Day(LifecycleSteps.Today);
        draft["purchase_order"] = "PO-7";
        draft["document_rendering"] = new JsonObject { ["display_line_items"] = false };
        ids.Add(await w.CreateIdAsync(draft));

        // Issued with a 2 % early-payment discount (amount_to_pay is computed on read), partly paid, paid, overdue.
        var issued = await w.IssuedInvoiceAsync();
        ids.Add(issued.Id());
        var partly = await w.IssuedInvoiceAsync();
        await w.PayAsync(partly.Id(), 1_000);
        ids.Add(partly.Id());
        var paid = await w.IssuedInvoiceAsync();
        await w.PaidAsync(paid.Id(), paid.Minor("amount_to_pay"));
        ids.Add(paid.Id());
        ids.Add((await w.OverdueInvoiceAsync()).Id());

        // A credit note of an issued invoice, and quotes: issued, and accepted with a signature (stored, never answered).
        ids.Add((await w.DraftCreditNoteAsync(issued.Id()))["id"]!.GetValue<string>());
        ids.Add((await w.IssuedQuoteAsync()).Id());
        var signed = DocumentWorld.Node(w.Quote());
        signed["signature_required"] = true;
        var quote = (await w.IssuedQuoteAsync(signed)).Id();
        Assert.Equal(HttpStatusCode.OK, (await w.ActAsync(quote, "accept", new { signature = new { email = "mary@buyer.example", full_name = "Mary Major", signature_image = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==" } })).Status);
        ids.Add(quote);

        var container = await api.StoreContainerAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (listed, page, _) = await w.SendAsync(HttpMethod.Get, "/v1/receivables?limit=100");
        Assert.Equal(HttpStatusCode.OK, listed);
        var linked = 0;
        var listedById = page["data"]!.AsArray().ToDictionary(item => item!["id"]!.GetValue<string>(), item => item!);
        foreach (var id in ids)
        {
            var stored = await StoredJsonAsync(container, w.Entity, id);
            var projected = ReceivableJson.TryProject(stored, today);
            Assert.True(projected is not null, $"{id} took the object path");

            var answered = await w.ReadAsync(id);
            var doc = (await api.Service<ReceivableOperations>().GetAsync(w.Entity, Guid.Parse(id), default)).Document;
            AssertSameJson(JsonSerializer.SerializeToNode(doc, ApiJson.Options)!, JsonNode.Parse(projected.Value.Span)!, id);
            // With the links to its PDFs, signed per answer: the same files, whatever the signature.
            await api.Service<Receivables.Pdfs.ReceivablePdfs>().LinkAsync([doc], default);
            var objects = JsonSerializer.SerializeToNode(doc, ApiJson.Options)!;
            if (doc.FileUrl is not null) linked++;
            AssertSameJson(Unsigned(objects), Unsigned(answered), id);
            AssertSameJson(Unsigned(objects), Unsigned(listedById[id]!), id);
        }

        Assert.True(linked >= 4, $"{linked} documents with PDF links"); // issued, partly paid, overdue, issued quote at least

        // amount_to_pay is the day's: the 2 % discount of "2/10 net 30" applies for ten days after the issue, not after.
        var issuedJson = await StoredJsonAsync(container, w.Entity, issued.Id());
        long ToPayOn(DateOnly day) => JsonNode.Parse(ReceivableJson.TryProject(issuedJson, day)!.Value.Span)!["amount_to_pay"]!.GetValue<long>();
        var due = issued.Minor("amount_due");
        Assert.Equal(due - (long)Math.Round(due * 0.02m, MidpointRounding.AwayFromZero), ToPayOn(today.AddDays(10)));
        Assert.Equal(due, ToPayOn(today.AddDays(11)));
    }

    [Fact]
    public async Task a_document_stored_by_an_older_version_without_a_field_still_answers_every_field()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = await w.CreateIdAsync(w.Invoice());
        var container = await api.StoreContainerAsync();
        var stored = JsonNode.Parse(await StoredJsonAsync(container, w.Entity, id))!.AsObject();
        stored.Remove("purchase_order");
        stored.Remove("memo");
        foreach (var system in new[] { "_rid", "_self", "_etag", "_attachments", "_ts" }) stored.Remove(system);
        await container.ReplaceItemAsync(stored, id, new PartitionKey(w.Entity.ToString()));

        Assert.Null(ReceivableJson.TryProject(await StoredJsonAsync(container, w.Entity, id), DateOnly.FromDateTime(DateTime.UtcNow)));
        var answer = await w.ReadAsync(id);
        Assert.True(answer.ContainsKey("purchase_order") && answer["purchase_order"] is null, answer.ToJsonString());
        Assert.True(answer.ContainsKey("memo") && answer["memo"] is null, answer.ToJsonString());
        Assert.Equal(id, answer.Id());
    }

    [Fact]
    public void leaves_out_storage_only_fields_and_the_stores_own()
    {
        var w = JsonNode.Parse(ReceivableJson.TryProject(Sample(), default)!.Value.Span)!.AsObject();
        foreach (var name in new[] { "entity_id", "resource", "refs", "listing", "pdf", "_rid", "_etag", "_ts" })
            Assert.False(w.ContainsKey(name), name);
    }

    [Fact]
    public void refuses_what_is_not_a_stored_receivable_of_the_current_shape()
    {
        Assert.Null(ReceivableJson.TryProject("[]"u8, default));
        Assert.Null(ReceivableJson.TryProject("{\"type\":\"payable\"}"u8, default));
        var sample = JsonNode.Parse(Sample())!.AsObject();
        sample["type"] = "quote"; // an invoice's fields under another type: the quote's own are missing
        Assert.Null(ReceivableJson.TryProject(JsonSerializer.SerializeToUtf8Bytes(sample), default));
    }

    // A stored draft invoice as the store holds it: the storage serializer's output plus Cosmos DB's system properties.
    private static byte[] Sample()
    {
        var invoice = new Invoice
        {
            Id = Guid.NewGuid().ToString(), EntityId = Guid.NewGuid(), Resource = Receivable.ResourceName,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, Status = Receivables.Domain.Lifecycle.ReceivableStatus.Draft,
            Currency = "EUR", CounterpartId = Guid.NewGuid(), FileLanguage = "en", OriginalFileLanguage = "en",
            Entity = null!, EntityAddress = null!, VatMode = Receivables.Domain.VatMode.Exclusive, VatInclusiveDiscountMode = Receivables.Domain.VatMode.Exclusive,
        };
        var node = JsonSerializer.SerializeToNode<Receivable>(invoice, ApiJson.Storage)!.AsObject();
        node["_rid"] = "abc";
        node["_etag"] = "\"1\"";
        node["_ts"] = 1;
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    private static async Task<byte[]> StoredJsonAsync(Container container, Guid entity, string id)
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(entity.ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var copy = new MemoryStream();
        await response.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    // The links with their query (the signature and its times) cut off.
    private static JsonObject Unsigned(JsonNode answer)
    {
        var copy = answer.DeepClone().AsObject();
        foreach (var name in new[] { "file_url", "original_file_url" })
            if (copy[name]?.GetValue<string>() is { } link) copy[name] = link[..link.IndexOf('?', StringComparison.Ordinal)];
        return copy;
    }

    private static void AssertSameJson(JsonNode expected, JsonNode actual, string id) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{id}\nobjects:   {expected.ToJsonString()}\nprojected: {actual.ToJsonString()}");
}
