using System.Net;
using System.Text.Json.Nodes;
using Receivables.Api;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.EntityUsers;

/// <summary>
/// RBAC over HTTP (spec 1.6): every route whose permission names <c>receivable</c> or <c>payment_record</c>, for each of
/// <c>allowed</c>, <c>allowed_for_own</c> and <c>not_allowed</c> on the route's action, on a document the caller created
/// and on one a partner created. A route added without a case here fails <see cref="every_receivable_and_payment_record_route_has_a_case"/>.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class RbacTests(ApiHost api)
{
    private static readonly string[] Levels = ["allowed", "allowed_for_own", "not_allowed"];

    /// <summary>What a case sends, arranged with the owner's token (the caller's own, or a partner's for someone else's document).</summary>
    private sealed record Call(HttpMethod Method, string Path, object? Body = null);

    private sealed record Case(string Route, Func<Arrange, Task<Call>> Make, HttpStatusCode Success);

    /// <summary>The world, and a token to arrange documents with: they belong to whoever that token is.</summary>
    private sealed record Arrange(DocumentWorld World, ApiHost Api, string Token)
    {
        public async Task<JsonObject> SendAsync(HttpMethod method, string path, object? body = null)
        {
            var (status, answer) = await Api.AsAsync(Token, method, path, body, World.Entity);
            Assert.True((int)status < 300, $"arrange {method} {path}: {status} {answer.ToJsonString()}");
            return answer;
        }

        public async Task<string> DraftAsync(object? body = null) => (await SendAsync(HttpMethod.Post, "/v1/receivables", body ?? World.Invoice()))["id"]!.GetValue<string>();

        public async Task<string> IssuedAsync(object? body = null)
        {
            var id = await DraftAsync(body);
            await SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/issue");
            return id;
        }

        public Task<string> IssuedQuoteAsync() => IssuedAsync(World.Quote());
    }

    private static string R(string id, string action = "") => $"/v1/receivables/{id}{action}";

    private static readonly Case[] Cases =
    [
        new(nameof(ApiRoutes.CreateReceivable), a => Task.FromResult(new Call(HttpMethod.Post, "/v1/receivables", a.World.Invoice())), HttpStatusCode.Created),
        // Lists: each arrangement adds a document of its owner, so the list holds both kinds once a partner's was made.
        new(nameof(ApiRoutes.ListReceivables), async a => { await a.DraftAsync(); return new Call(HttpMethod.Get, "/v1/receivables?type=invoice"); }, HttpStatusCode.OK),
        new(nameof(ApiRoutes.SearchReceivables), async a => { await a.DraftAsync(); return new Call(HttpMethod.Post, "/v1/receivables/search", new { type = "invoice" }); }, HttpStatusCode.OK),
        new(nameof(ApiRoutes.GetReceivableRequiredFields), _ => Task.FromResult(new Call(HttpMethod.Get, "/v1/receivables/required_fields")), HttpStatusCode.OK),
        new(nameof(ApiRoutes.GetReceivable), async a => new Call(HttpMethod.Get, R(await a.DraftAsync())), HttpStatusCode.OK),
        new(nameof(ApiRoutes.UpdateReceivable), async a => new Call(HttpMethod.Patch, R(await a.DraftAsync()), new { invoice = new { memo = "Changed" } }), HttpStatusCode.OK),
        new(nameof(ApiRoutes.DeleteReceivable), async a => new Call(HttpMethod.Delete, R(await a.DraftAsync())), HttpStatusCode.NoContent),
        new(nameof(ApiRoutes.ReplaceReceivableLineItems), async a => new Call(HttpMethod.Put, R(await a.DraftAsync(), "/line_items"), new { data = new[] { a.World.CatalogLine(1) } }), HttpStatusCode.OK),
        new(nameof(ApiRoutes.CloneReceivable), async a => new Call(HttpMethod.Post, R(await a.DraftAsync(), "/clone")), HttpStatusCode.Created),
        new(nameof(ApiRoutes.IssueReceivable), async a => new Call(HttpMethod.Post, R(await a.DraftAsync(), "/issue")), HttpStatusCode.OK),
        new(nameof(ApiRoutes.MarkReceivableAsPaid), async a => new Call(HttpMethod.Post, R(await a.IssuedAsync(), "/mark_as_paid")), HttpStatusCode.OK),
        new(nameof(ApiRoutes.MarkReceivableAsPartiallyPaid), async a => new Call(HttpMethod.Post, R(await a.IssuedAsync(), "/mark_as_partially_paid"), new { amount_paid = 100 }), HttpStatusCode.OK),
        new(nameof(ApiRoutes.MarkReceivableAsUncollectible), async a =>
        {
            var id = await a.IssuedAsync();
            await a.World.SetStatusAsync(id, "overdue");
            return new Call(HttpMethod.Post, R(id, "/mark_as_uncollectible"));
        }, HttpStatusCode.OK),
        new(nameof(ApiRoutes.CancelReceivable), async a => new Call(HttpMethod.Post, R(await a.IssuedAsync(), "/cancel")), HttpStatusCode.NoContent),
        new(nameof(ApiRoutes.AcceptQuote), async a => new Call(HttpMethod.Post, R(await a.IssuedQuoteAsync(), "/accept")), HttpStatusCode.OK),
        new(nameof(ApiRoutes.DeclineQuote), async a => new Call(HttpMethod.Post, R(await a.IssuedQuoteAsync(), "/decline")), HttpStatusCode.OK),
        new(nameof(ApiRoutes.ListReceivableHistory), async a => new Call(HttpMethod.Get, R(await a.DraftAsync(), "/history")), HttpStatusCode.OK),
        new(nameof(ApiRoutes.GetReceivableHistory), async a =>
        {
            var id = await a.DraftAsync();
            var history = await a.SendAsync(HttpMethod.Get, R(id, "/history"));
            return new Call(HttpMethod.Get, R(id, "/history/" + history["data"]![0]!["id"]!.GetValue<string>()));
        }, HttpStatusCode.OK),
        new(nameof(ApiRoutes.GetReceivablePdfLink), async a => new Call(HttpMethod.Get, R(await a.IssuedAsync(), "/pdf_link")), HttpStatusCode.OK),
        new(nameof(ApiRoutes.VerifyReceivable), async a => new Call(HttpMethod.Post, R(await a.DraftAsync(), "/verify")), HttpStatusCode.OK),
        new(nameof(ApiRoutes.CreatePaymentLink), async a => new Call(HttpMethod.Post, "/v1/payment_links", LinkBody(a.World, await a.IssuedAsync())), HttpStatusCode.Created),
        new(nameof(ApiRoutes.GetPaymentLink), async a => new Call(HttpMethod.Get, $"/v1/payment_links/{await LinkAsync(a)}"), HttpStatusCode.OK),
        new(nameof(ApiRoutes.ExpirePaymentLink), async a => new Call(HttpMethod.Post, $"/v1/payment_links/{await LinkAsync(a)}/expire"), HttpStatusCode.OK),
        new(nameof(ApiRoutes.CreatePaymentRecord), async a => new Call(HttpMethod.Post, "/v1/payment_records", PaymentBody(await a.IssuedAsync())), HttpStatusCode.Created),
        new(nameof(ApiRoutes.ListPaymentRecords), async a =>
        {
            await a.SendAsync(HttpMethod.Post, "/v1/payment_records", PaymentBody(await a.IssuedAsync()));
            return new Call(HttpMethod.Get, "/v1/payment_records");
        }, HttpStatusCode.OK),
        new(nameof(ApiRoutes.GetPaymentRecord), async a =>
        {
            var record = await a.SendAsync(HttpMethod.Post, "/v1/payment_records", PaymentBody(await a.IssuedAsync()));
            return new Call(HttpMethod.Get, $"/v1/payment_records/{record["id"]!.GetValue<string>()}");
        }, HttpStatusCode.OK),
    ];

    private static object PaymentBody(string invoice) => new { amount = 100, currency = "EUR", @object = new { type = "receivable", id = invoice } };

    private static JsonObject LinkBody(DocumentWorld w, string invoice) => new()
    {
        ["payment_methods"] = new JsonArray("sepa_credit"),
        ["recipient"] = new JsonObject { ["type"] = "entity", ["id"] = w.Entity.ToString() },
        ["object"] = new JsonObject { ["type"] = "receivable", ["id"] = invoice },
    };

    private static async Task<string> LinkAsync(Arrange a) =>
        (await a.SendAsync(HttpMethod.Post, "/v1/payment_links", LinkBody(a.World, await a.IssuedAsync())))["id"]!.GetValue<string>();

    public static TheoryData<string> Routes() => [.. Cases.Select(c => c.Route)];

    [Fact]
    public void every_receivable_and_payment_record_route_has_a_case()
    {
        var guarded = ApiRoutes.All.Where(r => r.Policy?.ObjectType is "receivable" or "payment_record").Select(r => r.Name).Order(StringComparer.Ordinal);
        Assert.Equal(guarded, Cases.Select(c => c.Route).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task a_route_answers_each_permission_of_its_action_on_own_and_others_documents(string routeName)
    {
        var route = ApiRoutes.All.Single(r => r.Name == routeName);
        var policy = route.Policy!;
        var c = Cases.Single(x => x.Route == routeName);
        var w = await DocumentWorld.CreateAsync(api);
        var partner = await api.TokenAsync();
        var full = await api.CreateRoleAsync(w.Entity, EntityUserSteps.Permissions("allowed"), name: "Full");
        var user = await api.CreateUserAsync(w.Entity, full);
        var token = await api.EntityUserTokenAsync(user);
        var action = policy.Action.ToString().ToLowerInvariant();

        foreach (var level in Levels)
        {
            var tested = await api.CreateRoleAsync(w.Entity, EntityUserSteps.Permissions("allowed", (policy.ObjectType!, action, level)), name: $"{action} {level}");
            // Another's first: a list then already holds a document of each kind when the caller's own is added.
            foreach (var own in new[] { false, true })
            {
                // Arranged while the user may do everything; then the role under test applies from the next request on.
                await api.SetRoleAsync(w.Entity, user, full);
                var call = await c.Make(new Arrange(w, api, own ? token : partner));
                await api.SetRoleAsync(w.Entity, user, tested);
                var (status, body) = await api.AsAsync(token, call.Method, call.Path, call.Body, w.Entity);
                var why = $"{routeName} with {policy.ObjectType}.{action} = {level} on {(own ? "own" : "another's")} document: {status} {body.ToJsonString()}";

                var allowed = level switch
                {
                    "allowed" => true,
                    "not_allowed" => false,
                    _ => policy.Ownership switch
                    {
                        Ownership.NoDocument or Ownership.Creates or Ownership.Filtered => true,
                        Ownership.Path => own,
                        _ => false,
                    },
                };
                if (!allowed)
                {
                    Assert.True(status == HttpStatusCode.Forbidden, why);
                    Assert.Contains("role of this entity user", Json.Error(body), StringComparison.Ordinal);
                    continue;
                }
                Assert.True(status == c.Success, why);
                if (policy.Ownership == Ownership.Filtered)
                {
                    // A list shows only the caller's documents under allowed_for_own, and everyone's under allowed.
                    var creators = body["data"]!.AsArray().Select(d => d!["entity_user_id"]?.GetValue<string>()).ToList();
                    Assert.NotEmpty(creators);
                    if (level == "allowed_for_own") Assert.All(creators, id => Assert.Equal(user.ToString(), id));
                    else Assert.Contains(null, creators);
                }
                if (policy.Ownership == Ownership.Creates && body["entity_user_id"] is { } creator)
                    Assert.Equal(user.ToString(), creator.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task a_caller_who_may_read_only_its_own_documents_cannot_filter_by_another_user()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var role = await api.CreateRoleAsync(w.Entity, EntityUserSteps.Permissions("allowed", ("receivable", "read", "allowed_for_own")));
        var user = await api.CreateUserAsync(w.Entity, role);
        var token = await api.EntityUserTokenAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await api.AsAsync(token, HttpMethod.Get, $"/v1/receivables?entity_user_id={user}")).Status);
        var (status, body) = await api.AsAsync(token, HttpMethod.Get, $"/v1/receivables?entity_user_id__in={user}&entity_user_id__in={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("entity_user_id__in", Json.Error(body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.AsAsync(token, HttpMethod.Post, "/v1/receivables/search", new { entity_user_id = Guid.NewGuid() })).Status);
    }

    [Fact]
    public async Task documents_and_history_name_the_entity_user_who_made_them()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var role = await api.CreateRoleAsync(w.Entity, EntityUserSteps.Permissions("allowed"));
        var user = await api.CreateUserAsync(w.Entity, role);
        var token = await api.EntityUserTokenAsync(user);
        var a = new Arrange(w, api, token);
        var id = await a.IssuedAsync();
        var invoice = await a.SendAsync(HttpMethod.Get, R(id));
        Assert.Equal(user.ToString(), invoice["entity_user_id"]!.GetValue<string>());
        var history = await a.SendAsync(HttpMethod.Get, R(id, "/history"));
        Assert.All(history["data"]!.AsArray(), h => Assert.Equal(user.ToString(), h!["entity_user_id"]!.GetValue<string>()));
        // A partner's document names nobody.
        var partnerDoc = await new Arrange(w, api, await api.TokenAsync()).DraftAsync();
        Assert.Null((await a.SendAsync(HttpMethod.Get, R(partnerDoc)))["entity_user_id"]?.GetValue<string>());
    }

    /// <summary>
    /// What RBAC costs in store round trips (counted at the SDK): the user and its role, read fresh on every entity-user
    /// request, and the document's creator under allowed_for_own; a partner token pays nothing.
    /// </summary>
    [Fact]
    public async Task rbac_costs_two_point_reads_and_a_third_for_own_documents()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var full = await api.CreateRoleAsync(w.Entity, EntityUserSteps.Permissions("allowed"));
        var own = await api.CreateRoleAsync(w.Entity, EntityUserSteps.Permissions("allowed", ("receivable", "read", "allowed_for_own")));
        var user = await api.CreateUserAsync(w.Entity, full);
        var token = await api.EntityUserTokenAsync(user);
        var id = await new Arrange(w, api, token).DraftAsync();

        async Task<long> CountAsync(string? bearer)
        {
            var before = api.Cosmos.Count;
            var (status, _) = await api.AsAsync(bearer ?? await api.TokenAsync(), HttpMethod.Get, R(id), entity: w.Entity);
            Assert.Equal(HttpStatusCode.OK, status);
            return api.Cosmos.Count - before;
        }

        var partner = await CountAsync(null);
        Assert.Equal(1, partner);
        Assert.Equal(partner + 2, await CountAsync(token));
        await api.SetRoleAsync(w.Entity, user, own);
        Assert.Equal(partner + 3, await CountAsync(token));

        // The UI's own routes, asked every minute: the user read by the role check is not read again.
        foreach (var (path, reads) in new[] { ("/v1/entity_users/me", 1L), ("/v1/entity_users/my_role", 2L) })
        {
            var before = api.Cosmos.Count;
            Assert.Equal(HttpStatusCode.OK, (await api.AsAsync(token, HttpMethod.Get, path)).Status);
            Assert.Equal(reads, api.Cosmos.Count - before);
        }
    }
}
