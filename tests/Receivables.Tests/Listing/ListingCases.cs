using System.Text.Json.Nodes;
using static Receivables.Tests.Listing.ListingWorld;

namespace Receivables.Tests.Listing;

/// <summary>A filter set of spec 3.1: its parameters, and which documents it must find, decided from GET-by-id data.</summary>
public sealed record FilterCase(string Name, (string Key, object Value)[] Parameters, Func<JsonObject, bool> Matches);

/// <summary>
/// The filter table shared by the filter tests and the GET/search equivalence: every filter of spec 3.1, each with
/// values that find some documents of <see cref="ListingWorld"/> and not others (or, where the world cannot hold a
/// match, none), and combinations.
/// </summary>
public static class ListingCases
{
    public static IEnumerable<object[]> Names => For(null).Select(c => new object[] { c.Name });

    public static FilterCase Get(ListingWorld world, string name) => For(world).Single(c => c.Name == name);

    /// <summary>The cases; with no world (for test discovery) only the names are meaningful.</summary>
    public static IEnumerable<FilterCase> For(ListingWorld? world)
    {
        var x = world;
        string Id(string name) => x?[name] ?? Guid.Empty.ToString();
        JsonObject Doc(string name) => x?.Docs[Id(name)] ?? [];
        string Field(string name, string field) => x is null ? "" : Str(Doc(name), field);
        string Acme = (x?.Acme ?? Guid.Empty).ToString(), Ada = (x?.Ada ?? Guid.Empty).ToString();
        string P1 = (x?.Project1 ?? Guid.Empty).ToString(), P2 = (x?.Project2 ?? Guid.Empty).ToString();
        string T1 = (x?.Tag1 ?? Guid.Empty).ToString(), T2 = (x?.Tag2 ?? Guid.Empty).ToString();
        string Product = (x?.W.Product ?? Guid.Empty).ToString(), Product2 = (x?.Product2 ?? Guid.Empty).ToString();
        var unknown = "0b5e7d52-3f7a-4c1e-9d6a-2f8b1c4e5a77";
        var nobody = "5d2c8e1a-6b4f-4a3e-8c7d-9e0f1a2b3c4d";

        FilterCase Case(string name, Func<JsonObject, bool> matches, params (string, object)[] parameters) => new(name, parameters, matches);
        static string S(JsonObject d, string f) => Str(d, f);
        static long L(JsonObject d, string f) => d[f]!.GetValue<long>();
        static bool Issued(JsonObject d) => d["issue_date"] is not null;
        static bool Invoice(JsonObject d) => S(d, "type") == "invoice" && S(d, "status") != "draft";

        // Boundaries taken from the documents themselves, so that __gt and __gte differ on one document.
        var createdAt = Field("paid_e", "created_at");
        var issuedAt = Field("issued_c", "issue_date");
        var dueDate = Field("issued_b", "due_date");
        var dueToday = Field("due_today_m", "due_date");
        var documentId = Field("issued_b", "document_id");

        yield return Case("type=invoice", d => S(d, "type") == "invoice", ("type", "invoice"));
        yield return Case("type=quote", d => S(d, "type") == "quote", ("type", "quote"));
        yield return Case("type=credit_note", d => S(d, "type") == "credit_note", ("type", "credit_note"));
        yield return Case("id__in", d => S(d, "id") == Id("draft_a") || S(d, "id") == Id("note_j"), ("id__in", new[] { Id("draft_a"), unknown, Id("note_j") }));
        yield return Case("id__in unknown", _ => false, ("id__in", new[] { unknown }));
        yield return Case("status=paid", d => S(d, "status") == "paid", ("status", "paid"));
        yield return Case("status=draft", d => S(d, "status") == "draft", ("status", "draft"));
        yield return Case("status=accepted", d => S(d, "status") == "accepted", ("status", "accepted"));
        yield return Case("status=overdue", _ => false, ("status", "overdue"));
        yield return Case("status__in canceled paid", d => S(d, "status") is "canceled" or "paid", ("status__in", new[] { "canceled", "paid" }));
        yield return Case("status__in one", d => S(d, "status") == "issued", ("status__in", new[] { "issued" }));
        yield return Case("entity_user_id", d => S(d, "entity_user_id") == nobody, ("entity_user_id", nobody));
        yield return Case("entity_user_id__in", d => S(d, "entity_user_id") is var u && (u == nobody || u == unknown), ("entity_user_id__in", new[] { nobody, unknown }));
        yield return Case("counterpart_id acme", d => S(d, "counterpart_id") == Acme, ("counterpart_id", Acme));
        yield return Case("counterpart_id ada", d => S(d, "counterpart_id") == Ada, ("counterpart_id", Ada));
        yield return Case("counterpart_id unknown", _ => false, ("counterpart_id", unknown));
        yield return Case("counterpart_name exact", d => S(d, "counterpart_name") == "Acme Inc.", ("counterpart_name", "Acme Inc."));
        yield return Case("counterpart_name exact is case-sensitive", _ => false, ("counterpart_name", "acme inc."));
        yield return Case("counterpart_name individual", d => S(d, "counterpart_id") == Ada, ("counterpart_name", "Ada Lovelace"));
        yield return Case("counterpart_name__contains", d => S(d, "counterpart_name").Contains("Love", StringComparison.Ordinal), ("counterpart_name__contains", "Love"));
        yield return Case("counterpart_name__contains is case-sensitive", _ => false, ("counterpart_name__contains", "love"));
        yield return Case("counterpart_name__contains space", d => S(d, "counterpart_name").Contains("a L", StringComparison.Ordinal), ("counterpart_name__contains", "a L"));
        yield return Case("counterpart_name__icontains", d => S(d, "counterpart_name").Contains("inc", StringComparison.OrdinalIgnoreCase), ("counterpart_name__icontains", "iNC"));
        yield return Case("counterpart_name__icontains ag", d => S(d, "counterpart_name") == "Buyer AG", ("counterpart_name__icontains", "yer ag"));
        yield return Case("document_id exact", d => S(d, "document_id") == documentId, ("document_id", documentId));
        yield return Case("document_id exact is case-sensitive", _ => false, ("document_id", documentId.ToLowerInvariant()));
        yield return Case("document_id__contains", d => S(d, "document_id").Contains("INV-", StringComparison.Ordinal), ("document_id__contains", "INV-"));
        yield return Case("document_id__contains is case-sensitive", _ => false, ("document_id__contains", "inv-"));
        yield return Case("document_id__icontains", d => S(d, "document_id").Contains("cn-", StringComparison.OrdinalIgnoreCase), ("document_id__icontains", "cN-"));
        yield return Case("issue_date__gt", d => Issued(d) && string.CompareOrdinal(S(d, "issue_date"), issuedAt) > 0, ("issue_date__gt", issuedAt));
        yield return Case("issue_date__gte", d => Issued(d) && string.CompareOrdinal(S(d, "issue_date"), issuedAt) >= 0, ("issue_date__gte", issuedAt));
        yield return Case("issue_date__lt", d => Issued(d) && string.CompareOrdinal(S(d, "issue_date"), issuedAt) < 0, ("issue_date__lt", issuedAt));
        yield return Case("issue_date__lte", d => Issued(d) && string.CompareOrdinal(S(d, "issue_date"), issuedAt) <= 0, ("issue_date__lte", issuedAt));
        yield return Case("issue_date__gte long ago excludes drafts", Issued, ("issue_date__gte", "2000-01-01T00:00:00Z"));
        yield return Case("created_at__gt", d => string.CompareOrdinal(S(d, "created_at"), createdAt) > 0, ("created_at__gt", createdAt));
        yield return Case("created_at__gte", d => string.CompareOrdinal(S(d, "created_at"), createdAt) >= 0, ("created_at__gte", createdAt));
        yield return Case("created_at__lt", d => string.CompareOrdinal(S(d, "created_at"), createdAt) < 0, ("created_at__lt", createdAt));
        yield return Case("created_at__lte", d => string.CompareOrdinal(S(d, "created_at"), createdAt) <= 0, ("created_at__lte", createdAt));
        yield return Case("created_at range", d => string.CompareOrdinal(S(d, "created_at"), createdAt) >= 0 && string.CompareOrdinal(S(d, "created_at"), Field("quote_g", "created_at")) <= 0,
            ("created_at__gte", createdAt), ("created_at__lte", Field("quote_g", "created_at")));
        yield return Case("due_date__gt", d => Invoice(d) && string.CompareOrdinal(S(d, "due_date"), dueToday) > 0, ("due_date__gt", dueToday));
        yield return Case("due_date__gte", d => Invoice(d) && string.CompareOrdinal(S(d, "due_date"), dueToday) >= 0, ("due_date__gte", dueToday));
        yield return Case("due_date__lt", d => Invoice(d) && string.CompareOrdinal(S(d, "due_date"), dueDate) < 0, ("due_date__lt", dueDate));
        yield return Case("due_date__lte", d => Invoice(d) && string.CompareOrdinal(S(d, "due_date"), dueDate) <= 0, ("due_date__lte", dueDate));
        yield return Case("due_date__gte long ago: issued invoices only", Invoice, ("due_date__gte", "2000-01-01"));
        yield return Case("total_amount", d => L(d, "total_amount") == 14280, ("total_amount", 14280L));
        yield return Case("total_amount__gt", d => L(d, "total_amount") > 14280, ("total_amount__gt", 14280L));
        yield return Case("total_amount__gte", d => L(d, "total_amount") >= 14280, ("total_amount__gte", 14280L));
        yield return Case("total_amount__lt", d => L(d, "total_amount") < 14280, ("total_amount__lt", 14280L));
        yield return Case("total_amount__lte", d => L(d, "total_amount") <= 14280, ("total_amount__lte", 14280L));
        yield return Case("total_amount range", d => L(d, "total_amount") is > 13910 and < 42840, ("total_amount__gt", 13910L), ("total_amount__lt", 42840L));
        yield return Case("amount__gte alias", d => L(d, "total_amount") >= 15000, ("amount__gte", 15000L));
        yield return Case("discounted_subtotal", d => L(d, "discounted_subtotal") == 12000, ("discounted_subtotal", 12000L));
        yield return Case("discounted_subtotal__gt", d => L(d, "discounted_subtotal") > 12000, ("discounted_subtotal__gt", 12000L));
        yield return Case("discounted_subtotal__gte", d => L(d, "discounted_subtotal") >= 13000, ("discounted_subtotal__gte", 13000L));
        yield return Case("discounted_subtotal__lt", d => L(d, "discounted_subtotal") < 13000, ("discounted_subtotal__lt", 13000L));
        yield return Case("discounted_subtotal__lte", d => L(d, "discounted_subtotal") <= 13000, ("discounted_subtotal__lte", 13000L));
        yield return Case("based_on quote", d => S(d, "based_on") == Id("quote_g"), ("based_on", Id("quote_g")));
        yield return Case("based_on invoice", d => S(d, "based_on") == Id("issued_c"), ("based_on", Id("issued_c")));
        yield return Case("based_on canceled invoice", d => S(d, "based_on") == Id("canceled_i"), ("based_on", Id("canceled_i")));
        yield return Case("based_on nothing made from it", _ => false, ("based_on", Id("draft_a")));
        yield return Case("project_id", d => S(d, "project_id") == P1, ("project_id", P1));
        yield return Case("project_id__in", d => S(d, "project_id") == P1 || S(d, "project_id") == P2, ("project_id__in", new[] { P2, P1 }));
        yield return Case("project_id__in unknown", _ => false, ("project_id__in", new[] { unknown }));
        yield return Case("tag_ids all", d => TagIds(d).Contains(T1) && TagIds(d).Contains(T2), ("tag_ids", new[] { T1, T2 }));
        yield return Case("tag_ids one", d => TagIds(d).Contains(T1), ("tag_ids", new[] { T1 }));
        yield return Case("tag_ids unknown", _ => false, ("tag_ids", new[] { T1, unknown }));
        yield return Case("tag_ids__in", d => TagIds(d).Contains(T2) || TagIds(d).Contains(unknown), ("tag_ids__in", new[] { T2, unknown }));
        yield return Case("tag_ids__in unknown", _ => false, ("tag_ids__in", new[] { unknown }));
        yield return Case("product_ids all", d => ProductIds(d).Contains(Product) && ProductIds(d).Contains(Product2), ("product_ids", new[] { Product, Product2 }));
        yield return Case("product_ids one", d => ProductIds(d).Contains(Product2), ("product_ids", new[] { Product2 }));
        yield return Case("product_ids__in", d => ProductIds(d).Contains(Product) || ProductIds(d).Contains(Product2), ("product_ids__in", new[] { Product, Product2 }));
        yield return Case("product_ids__in unknown", _ => false, ("product_ids__in", new[] { unknown }));
        // Filters combine with AND.
        yield return Case("and: type status counterpart", d => S(d, "type") == "invoice" && S(d, "status") == "draft" && S(d, "counterpart_id") == Acme,
            ("type", "invoice"), ("status", "draft"), ("counterpart_id", Acme));
        yield return Case("and: amount project", d => L(d, "total_amount") == 14280 && S(d, "project_id") == P1, ("total_amount", 14280L), ("project_id", P1));
        yield return Case("and: products type name", d => ProductIds(d).Contains(Product2) && S(d, "type") == "credit_note" && S(d, "counterpart_name").Contains("ada", StringComparison.OrdinalIgnoreCase),
            ("product_ids__in", new[] { Product2 }), ("type", "credit_note"), ("counterpart_name__icontains", "ADA"));
        yield return Case("and: contradiction", _ => false, ("type", "quote"), ("status", "paid"));
    }
}
