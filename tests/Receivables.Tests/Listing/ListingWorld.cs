using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Receivables.Documents;
using Receivables.Store;
using Receivables.Tests.Counterparts;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;

namespace Receivables.Tests.Listing;

/// <summary>
/// One entity with a bit of everything lists filter and sort on, made through the API's own routes (create, issue,
/// accept, cancel, mark_as_paid): three counterparts (one an individual), two catalog products and inline lines,
/// two projects, drafts (no document number, issue or due date), issued, paid, canceled and accepted documents, an
/// invoice made from a quote, credit notes of invoices, equal amounts, equal due dates. Built once per host and only
/// read by the tests that share it. <see cref="Docs"/> holds every document as <c>GET /v1/receivables/{id}</c> returns it:
/// the tests' oracle.
/// </summary>
public sealed class ListingWorld
{
    private static readonly ConditionalWeakTable<ApiHost, Task<ListingWorld>> Built = new();

    public required DocumentWorld W { get; init; }
    public required Guid Acme { get; init; }
    public required Guid Ada { get; init; }
    public required Guid Product2 { get; init; }
    public required Guid Project1 { get; init; }
    public required Guid Project2 { get; init; }
    public required Guid Tag1 { get; init; }
    public required Guid Tag2 { get; init; }

    /// <summary>Named documents (draft_a, issued_b, ...), and every document by id as GET returns it.</summary>
    public required Dictionary<string, string> Named { get; init; }
    public Dictionary<string, JsonObject> Docs { get; } = [];

    public Guid Entity => W.Entity;

    public string this[string name] => Named[name];

    public static Task<ListingWorld> GetAsync(ApiHost api) => Built.GetValue(api, BuildAsync);

    private static async Task<ListingWorld> BuildAsync(ApiHost api)
    {
        var w = await DocumentWorld.CreateAsync(api, "Listing GmbH");
        var (acme, acmeAddress) = await w.AddCounterpartAsync("Acme Inc.", taxId: "DE999999999");
        var adaBody = await w.PostAsync("/v1/counterparts", CounterpartApi.Individual("Ada", "Lovelace"));
        var ada = Guid.Parse(adaBody["id"]!.GetValue<string>());
        var adaAddress = Guid.Parse(adaBody["default_billing_address_id"]!.GetValue<string>());
        var product2 = Guid.Parse((await w.PostAsync("/v1/products",
            new { name = "Support", type = "service", price = new { currency = "EUR", value = 5000 }, measure_unit_id = w.MeasureUnit }))["id"]!.GetValue<string>());
        var world = new ListingWorld
        {
            W = w, Acme = acme, Ada = ada, Product2 = product2, Project1 = Guid.NewGuid(), Project2 = Guid.NewGuid(),
            Tag1 = Guid.NewGuid(), Tag2 = Guid.NewGuid(), Named = [],
        };
        object Support(decimal q) => new { product_id = product2, quantity = q, vat_rate_id = DocumentWorld.Vat19 };

        JsonObject For(object body, Guid? counterpart, Guid? address, Guid? project)
        {
            var node = DocumentWorld.Node(body);
            if (counterpart is { } c)
            {
                node["counterpart_id"] = c.ToString();
                node["counterpart_billing_address_id"] = address!.Value.ToString();
                // The shipping address and VAT id of the world belong to its own counterpart.
                node.Remove("counterpart_shipping_address_id");
                node.Remove("counterpart_vat_id_id");
            }
            if (project is { } p) node["project_id"] = p.ToString();
            return node;
        }

        async Task<string> Create(string name, JsonObject body) => world.Named[name] = await w.CreateIdAsync(body);
        async Task<string> Issued(string name, JsonObject body)
        {
            var id = await Create(name, body);
            await w.DoneAsync(id, "issue");
            return id;
        }

        await Create("draft_a", For(w.Invoice(w.CatalogLine(1)), null, null, world.Project1));
        await Issued("issued_b", For(w.Invoice(w.CatalogLine(1)), acme, acmeAddress, world.Project1));
        var c = await Issued("issued_c", For(w.Invoice(w.CatalogLine(2), Support(1)), ada, adaAddress, null));
        await Create("draft_d", For(w.Invoice(Support(3)), acme, acmeAddress, world.Project2));
        // 130.00 at 7 %: a larger discounted subtotal than one catalog unit (120.00) and a smaller total (139.10 < 142.80).
        var e = await Issued("paid_e", For(w.Invoice(DocumentWorld.InlineLine("Widget", 13000, 1, DocumentWorld.Vat7)), null, null, null));
        await w.DoneAsync(e, "mark_as_paid");
        await Create("quote_f", For(w.Quote(), null, null, world.Project2));
        var g = await Issued("quote_g", For(w.Quote(), acme, acmeAddress, null));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await w.ActAsync(g, "accept")).Status);
        var made = Assert.Single(await w.HistoryAsync(g), h => h["event_type"]!.GetValue<string>() == "based_on_receivable_created");
        world.Named["invoice_h"] = made["event_data"]!["receivable_id"]!.GetValue<string>();
        var i = await Issued("canceled_i", For(w.Invoice(w.CatalogLine(3)), null, null, null));
        await w.CanceledAsync(i);
        world.Named["note_j"] = Assert.Single((await w.ReadAsync(i)).CreditNoteIds());
        world.Named["note_k"] = (await w.DraftCreditNoteAsync(c)).Id();
        await Create("draft_l", For(w.Invoice(w.CatalogLine(1)), ada, adaAddress, null));
        var m = await w.DueTodayDraftAsync(1);
        world.Named["due_today_m"] = m;
        await w.DoneAsync(m, "issue");
        await Create("draft_n", For(w.Invoice(w.CatalogLine(1), Support(1)), null, null, world.Project1));

        // Tags have no route yet: written on two documents through the store, as a write of the product would (the
        // listing copy is rewritten with the document).
        await world.TagAsync(api, world.Named["issued_b"], world.Tag1, world.Tag2);
        await world.TagAsync(api, world.Named["draft_l"], world.Tag1);

        foreach (var id in world.Named.Values) world.Docs[id] = await w.ReadAsync(id);
        return world;
    }

    private async Task TagAsync(ApiHost api, string id, params Guid[] tags)
    {
        var store = api.Service<DocumentStore>();
        var stored = await store.ReadAsync<Receivable>(Entity, id, Receivable.ResourceName, default);
        Assert.NotNull(stored);
        stored.Document.Tags = tags.Select(t => JsonSerializer.SerializeToElement(new { id = t.ToString(), name = "tag " + t.ToString()[..4] })).ToList();
        await store.ReplaceAsync(stored.Document, stored.ETag, default);
    }

    public IEnumerable<JsonObject> All => Docs.Values;

    /// <summary>The ids of the documents matching <paramref name="predicate"/>, in the default order (created_at, then id).</summary>
    public List<string> Expected(Func<JsonObject, bool> predicate) => Sorted(All.Where(predicate), "created_at", descending: false);

    /// <summary>The order a sort must produce, computed here from what GET returns (null sorts as "", first ascending).</summary>
    public static List<string> Sorted(IEnumerable<JsonObject> docs, string sort, bool descending)
    {
        var keyed = docs.Select(d => (Key: SortKey(d, sort), Id: d["id"]!.GetValue<string>())).ToList();
        keyed.Sort((a, b) =>
        {
            var byKey = a.Key is long x && b.Key is long y ? x.CompareTo(y) : string.CompareOrdinal((string)a.Key, (string)b.Key);
            var order = byKey != 0 ? byKey : string.CompareOrdinal(a.Id, b.Id);
            return descending ? -order : order;
        });
        return keyed.Select(k => k.Id).ToList();
    }

    public static object SortKey(JsonObject doc, string sort) => sort switch
    {
        "amount" or "total_amount" => doc["total_amount"]!.GetValue<long>(),
        "discounted_subtotal" => doc["discounted_subtotal"]!.GetValue<long>(),
        // Only invoices have a due date (spec 4.2).
        "due_date" => Str(doc, "type") == "invoice" ? Str(doc, "due_date") : "",
        _ => Str(doc, sort),
    };

    public static string Str(JsonObject doc, string field) => doc[field]?.GetValue<string>() ?? "";

    public static IEnumerable<string> ProductIds(JsonObject doc) => doc["line_items"]!.AsArray().Select(l => l!["product"]!["id"]!.GetValue<string>());

    public static IEnumerable<string> TagIds(JsonObject doc) => (doc["tags"]?.AsArray() ?? []).Select(t => t!["id"]!.GetValue<string>());
}
