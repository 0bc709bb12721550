using System.Net;
using Receivables.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;
using static Receivables.Tests.Listing.ListingApi;

namespace Receivables.Tests.Listing;

/// <summary>
/// Every filter of spec 3.1 over HTTP against <see cref="ListingWorld"/>: each finds exactly the documents the test
/// computes from GET-by-id data (in the default order, created_at then id), the guide's examples as written, and a
/// bad value of each is a 422 naming the parameter.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class ReceivableFilterTests(ApiHost api)
{
    public static IEnumerable<object[]> Cases => ListingCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task a_filter_finds_exactly_the_documents_it_describes(string name)
    {
        var world = await ListingWorld.GetAsync(api);
        var c = ListingCases.Get(world, name);
        var page = await api.PageAsync(world.Entity, Join(Query(c.Parameters), "limit=250"));
        Assert.Equal(world.Expected(c.Matches), page.Ids());
        Assert.Null(page.Next());
        Assert.Null(page.Prev());
    }

    [Fact]
    public async Task every_filter_has_cases_that_match_some_documents_and_not_others()
    {
        var world = await ListingWorld.GetAsync(api);
        var cases = ListingCases.For(world).ToList();
        var all = world.Docs.Count;
        // The world holds no document created by an entity user (partner tokens leave entity_user_id null): those
        // filters are checked to match nothing, and their values are validated below.
        string[] noMatchPossible = ["entity_user_id", "entity_user_id__in"];
        foreach (var filter in ReceivableList.Definition.Filters.Select(f => f.Name))
        {
            var uses = cases.Where(c => c.Parameters.Any(p => ReceivableList.Definition.Aliases.GetValueOrDefault(p.Key, p.Key) == filter)).ToList();
            Assert.True(uses.Count > 0, $"no case uses {filter}");
            if (noMatchPossible.Contains(filter)) continue;
            Assert.True(uses.Any(c => world.Expected(c.Matches).Count is var n && n > 0 && n < all), $"no case of {filter} finds some documents but not all");
        }
    }

    [Fact]
    public async Task the_guides_examples_work_as_written()
    {
        var world = await ListingWorld.GetAsync(api);
        var e = world.Entity;
        string[] acmeInvoices = [world["issued_b"], world["draft_d"], world["invoice_h"]];
        Assert.Equal(world.Expected(d => acmeInvoices.Contains(d["id"]!.GetValue<string>())), (await api.PageAsync(e, "type=invoice&counterpart_name=Acme%20Inc.")).Ids());

        var large = (await api.PageAsync(e, "type=invoice&amount__gte=15000")).Ids();
        Assert.Equal(world.Expected(d => ListingWorld.Str(d, "type") == "invoice" && d["total_amount"]!.GetValue<long>() >= 15000), large);
        Assert.Contains(world["issued_c"], large);
        Assert.Contains(world["canceled_i"], large);
        Assert.DoesNotContain(world["draft_a"], large);

        var draftOrIssued = (await api.PageAsync(e, "type=invoice&status__in=draft&status__in=issued")).Ids();
        Assert.Equal(world.Expected(d => ListingWorld.Str(d, "type") == "invoice" && ListingWorld.Str(d, "status") is "draft" or "issued"), draftOrIssued);
        Assert.Contains(world["draft_a"], draftOrIssued);
        Assert.Contains(world["issued_b"], draftOrIssued);
        Assert.DoesNotContain(world["paid_e"], draftOrIssued);

        Assert.Equal(world.Expected(d => ListingWorld.Str(d, "type") == "invoice"), (await api.PageAsync(e, "type=invoice&created_at__gte=2022-01-01T00%3A00%3A00")).Ids());

        var note = await api.PageAsync(e, $"based_on={world["canceled_i"]}&limit=1&status=issued");
        Assert.Equal([world["note_j"]], note.Ids());
        Assert.Equal("credit_note", note["data"]![0]!["type"]!.GetValue<string>());
        Assert.Null(note.Next());
    }

    [Fact]
    public async Task a_time_without_a_zone_is_utc_and_offsets_are_honoured()
    {
        var world = await ListingWorld.GetAsync(api);
        var at = DateTimeOffset.Parse(ListingWorld.Str(world.Docs[world["paid_e"]], "created_at"), System.Globalization.CultureInfo.InvariantCulture);
        var expected = world.Expected(d => DateTimeOffset.Parse(ListingWorld.Str(d, "created_at"), System.Globalization.CultureInfo.InvariantCulture) >= at);
        Assert.InRange(expected.Count, 2, world.Docs.Count - 2);
        foreach (var form in new[] { at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture), at.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture) })
            Assert.Equal(expected, (await api.PageAsync(world.Entity, $"created_at__gte={Uri.EscapeDataString(form)}&limit=250")).Ids());
        // Two hours later in the same wall-clock digits without a zone: read as UTC, so everything is before it.
        var later = at.ToOffset(TimeSpan.FromHours(-2)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(world.Expected(d => DateTimeOffset.Parse(ListingWorld.Str(d, "created_at"), System.Globalization.CultureInfo.InvariantCulture) < at.AddHours(-2)),
            (await api.PageAsync(world.Entity, $"created_at__lt={Uri.EscapeDataString(later)}&limit=250")).Ids());
    }

    [Fact]
    public async Task unknown_query_parameters_are_ignored()
    {
        var world = await ListingWorld.GetAsync(api);
        Assert.Equal(world.Expected(_ => true), (await api.PageAsync(world.Entity, "colour=red&amount__between=1&limit=250")).Ids());
    }

    /// <summary>A bad value of each parameter, with the location the 422 names (the parameter the client sent).</summary>
    public static IEnumerable<object[]> BadValues =>
    [
        ["type", "robot"], ["type", "Invoice"], ["id__in", "nope"], ["status", "deleted"], ["status", "Draft"], ["status__in", "nope"],
        ["entity_user_id", "nope"], ["entity_user_id__in", "1234"], ["counterpart_id", "acme"], ["counterpart_name", new string('n', 256)],
        ["counterpart_name__contains", new string('n', 256)], ["counterpart_name__icontains", new string('n', 256)],
        ["document_id", new string('d', 256)], ["document_id__contains", new string('d', 256)], ["document_id__icontains", new string('d', 256)],
        ["issue_date__gt", "yesterday"], ["issue_date__gte", "2024-13-01T00:00:00Z"], ["issue_date__lt", "x"], ["issue_date__lte", "1 Jan"],
        ["created_at__gt", "yesterday"], ["created_at__gte", "2024-01-01T25:00:00"], ["created_at__lt", "x"], ["created_at__lte", "now"],
        ["due_date__gt", "2024-02-30"], ["due_date__gte", "2024-01-01T00:00:00"], ["due_date__lt", "01/02/2024"], ["due_date__lte", "x"],
        ["total_amount", "abc"], ["total_amount__gt", "1.5"], ["total_amount__gte", "1e3"], ["total_amount__lt", "9007199254740992"], ["total_amount__lte", "x"],
        ["discounted_subtotal", "abc"], ["discounted_subtotal__gt", "1.5"], ["discounted_subtotal__gte", "x"], ["discounted_subtotal__lt", "99999999999999999999"], ["discounted_subtotal__lte", "x"],
        ["amount__gte", "abc"], ["amount", "1.5"], ["amount__lt", "x"], ["created_at__gte", "01/02/2024"], ["issue_date__gt", "2024-01-01T00:00:00 +02:00"], ["based_on", "nope"], ["project_id", "nope"], ["project_id__in", "nope"],
        ["tag_ids", "nope"], ["tag_ids__in", "nope"], ["product_ids", "nope"], ["product_ids__in", "nope"],
        ["sort", "nonsense"], ["sort", "id"], ["order", "sideways"], ["order", "DESC"], ["limit", "0"], ["limit", "251"], ["limit", "x"], ["limit", "-1"], ["limit", "1.5"],
    ];

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task a_bad_value_is_a_422_naming_the_parameter(string parameter, string value)
    {
        var entity = (await ListingWorld.GetAsync(api)).Entity;
        var (status, body) = await api.GetListAsync(entity, $"{parameter}={Uri.EscapeDataString(value)}");
        Invalid(status, body, $"query.{parameter}", $"{parameter}={value}");
    }

    [Fact]
    public async Task one_bad_value_among_good_ones_is_a_422()
    {
        var entity = (await ListingWorld.GetAsync(api)).Entity;
        var (status, body) = await api.GetListAsync(entity, "status__in=draft&status__in=nope&status__in=issued");
        Invalid(status, body, "query.status__in", "status__in");
        (status, body) = await api.GetListAsync(entity, $"product_ids={Guid.NewGuid()}&product_ids=nope");
        Invalid(status, body, "query.product_ids", "product_ids");
        (status, body) = await api.GetListAsync(entity, "type=invoice&total_amount=abc");
        Invalid(status, body, "query.total_amount", "total_amount");
    }

    [Fact]
    public async Task a_list_filter_takes_at_most_250_values()
    {
        // 251 uuids do not fit in a request line (Kestrel's 8 KB): statuses in the query string, ids in a search body.
        var entity = (await ListingWorld.GetAsync(api)).Entity;
        var (status, body) = await api.GetListAsync(entity, Query([("status__in", Enumerable.Repeat("draft", 251).ToArray())]));
        Invalid(status, body, "query.status__in", "251 statuses");
        Assert.Equal((await api.PageAsync(entity, "status=draft")).Ids(), (await api.PageAsync(entity, Query([("status__in", Enumerable.Repeat("draft", 250).ToArray())]))).Ids());

        var ids = Enumerable.Range(0, 251).Select(_ => Guid.NewGuid().ToString()).ToArray();
        (status, body) = await api.SearchAsync(entity, new { id__in = ids });
        Invalid(status, body, "body.id__in", "251 ids");
        Assert.Empty((await api.SearchPageAsync(entity, new { id__in = ids[..250] })).Ids());
    }

    [Fact]
    public async Task no_match_is_200_with_an_empty_page()
    {
        var entity = (await ListingWorld.GetAsync(api)).Entity;
        var page = await api.PageAsync(entity, "type=quote&status=paid");
        Assert.Empty(page.Ids());
        Assert.Null(page.Next());
        Assert.Null(page.Prev());
    }

    [Fact]
    public async Task every_write_route_keeps_what_lists_filter_and_sort_on_up_to_date()
    {
        var w = await Documents.DocumentWorld.CreateAsync(api, "Rewrites GmbH");
        var id = await w.CreateIdAsync(w.Invoice(w.CatalogLine(1)));
        var other = await w.CreateIdAsync(w.Invoice(w.CatalogLine(2)));
        var project = Guid.NewGuid();
        async Task<List<string>> Ids(string query) => (await api.PageAsync(w.Entity, query)).Ids();

        Assert.Equal([id, other], await Ids($"product_ids={w.Product}"));
        Assert.Empty(await Ids($"project_id={project}"));

        // PATCH: the project; PUT line_items: the products; issue: status, number, dates.
        Assert.Equal(HttpStatusCode.OK, (await w.PatchAsync(id, new { invoice = new { project_id = project } })).Status);
        Assert.Equal([id], await Ids($"project_id={project}"));
        Assert.Equal([other, id], await Ids("sort=project_id"));
        var (status, body, _) = await w.SendAsync(HttpMethod.Put, $"/v1/receivables/{id}/line_items",
            new { data = new[] { Documents.DocumentWorld.InlineLine("Travel", 4500, 1, Documents.DocumentWorld.Vat7) } });
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal([other], await Ids($"product_ids={w.Product}"));
        Assert.Equal([id, other], await Ids("sort=total_amount"));

        await w.DoneAsync(other, "issue");
        Assert.Equal([other], await Ids("status=issued&document_id__contains=INV-&issue_date__gte=2000-01-01T00:00:00Z&due_date__gte=2000-01-01"));
        Assert.Equal([id, other], await Ids("sort=document_id"));
        Assert.Equal([other, id], await Ids("sort=document_id&order=desc"));
        await w.DoneAsync(other, "mark_as_paid");
        Assert.Equal([other], await Ids("status=paid"));
        Assert.Empty(await Ids("status=issued"));
    }

    [Fact]
    public async Task a_draft_has_no_document_number_issue_or_due_date_to_filter_on()
    {
        var world = await ListingWorld.GetAsync(api);
        var draft = world.Docs[world["draft_a"]];
        Assert.Equal("draft", draft.Status());
        Assert.Null(draft["document_id"]);
        Assert.Null(draft["issue_date"]);
        Assert.Null(draft["due_date"]);
        var everything = $"id__in={world["draft_a"]}";
        Assert.Equal([world["draft_a"]], (await api.PageAsync(world.Entity, everything)).Ids());
        foreach (var filter in new[] { "issue_date__gte=2000-01-01T00:00:00Z", "due_date__gte=2000-01-01", "due_date__lte=2999-12-31", "document_id__icontains=-" })
            Assert.Empty((await api.PageAsync(world.Entity, $"{everything}&{filter}")).Ids());
    }
}
