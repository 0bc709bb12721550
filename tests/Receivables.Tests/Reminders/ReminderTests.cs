using System.Net;
using Receivables.Tests.Catalog;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Reminders;

/// <summary><c>/v1/payment_reminders</c> and <c>/v1/overdue_reminders</c> over HTTP.</summary>
[Collection(ApiTests.Name)]
public sealed class ReminderTests(ApiHost api)
{
    private static object Friendly => new
    {
        name = "Friendly",
        recipients = new { to = new[] { "billing@example.com" }, cc = new[] { "boss@example.com" } },
        term_1_reminder = new { subject = "Discount ends soon", body = "Pay within the discount period", days_before = 2 },
        term_final_reminder = new { subject = "Due soon", body = "Your invoice is due", days_before = 3 },
    };

    private static object Firm => new
    {
        name = "Firm",
        recipients = new { bcc = new[] { "ledger@example.com" } },
        terms = new[]
        {
            new { subject = "Overdue", body = "Please pay", days_after = 1 },
            new { subject = "Still overdue", body = "Please pay now", days_after = 14 },
        },
    };

    [Fact]
    public async Task payment_reminders_are_created_read_listed_patched_and_deleted()
    {
        var entity = await api.CreateEntityAsync();
        var created = await api.CreateAsync("/v1/payment_reminders", Friendly, entity);
        Assert.Equal(
            ["id", "created_at", "updated_at", "entity_id", "name", "recipients", "status", "term_1_reminder", "term_2_reminder", "term_final_reminder"],
            created.Select(p => p.Key));
        Assert.Equal(entity.ToString(), created["entity_id"]!.GetValue<string>());
        Assert.Equal("active", created["status"]!.GetValue<string>());
        Assert.Equal(3, created["term_final_reminder"]!["days_before"]!.GetValue<int>());
        Assert.Equal("billing@example.com", created["recipients"]!["to"]![0]!.GetValue<string>());
        Assert.Null(created["term_2_reminder"]);
        var id = created["id"]!.GetValue<string>();

        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/payment_reminders/{id}", entityId: entity);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(created.ToJsonString(), (await Json.ReadAsync(read)).ToJsonString());

        await api.CreateAsync("/v1/payment_reminders", new { name = "Bare" }, entity);
        using var list = await api.SendAsync(HttpMethod.Get, "/v1/payment_reminders", entityId: entity);
        var listed = await Json.ReadAsync(list);
        Assert.Equal(["data"], listed.Select(p => p.Key));
        Assert.Equal(["Friendly", "Bare"], listed["data"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));

        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/payment_reminders/{id}",
            new { name = "Kind", term_2_reminder = new { subject = "Second", body = "Second term ends", days_before = 1 } }, entity);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await Json.ReadAsync(patched);
        Assert.Equal("Kind", body["name"]!.GetValue<string>());
        Assert.Equal(1, body["term_2_reminder"]!["days_before"]!.GetValue<int>());
        Assert.Equal(2, body["term_1_reminder"]!["days_before"]!.GetValue<int>());
        Assert.Equal("boss@example.com", body["recipients"]!["cc"]![0]!.GetValue<string>());

        using var deleted = await api.SendAsync(HttpMethod.Delete, $"/v1/payment_reminders/{id}", entityId: entity);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/payment_reminders/{id}", new { name = "x" }, entity);
        Assert.Equal(1, await api.CountStoredAsync("payment_reminder", entity));
    }

    [Fact]
    public async Task overdue_reminders_are_created_read_listed_patched_and_deleted()
    {
        var entity = await api.CreateEntityAsync();
        var created = await api.CreateAsync("/v1/overdue_reminders", Firm, entity);
        Assert.Equal(["id", "created_at", "updated_at", "name", "recipients", "terms"], created.Select(p => p.Key));
        Assert.Equal([1, 14], created["terms"]!.AsArray().Select(t => t!["days_after"]!.GetValue<int>()));
        var id = created["id"]!.GetValue<string>();

        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/overdue_reminders/{id}", entityId: entity);
        Assert.Equal(created.ToJsonString(), (await Json.ReadAsync(read)).ToJsonString());

        await api.CreateAsync("/v1/overdue_reminders", new { name = "Bare" }, entity);
        using var list = await api.SendAsync(HttpMethod.Get, "/v1/overdue_reminders", entityId: entity);
        Assert.Equal(["Firm", "Bare"], (await Json.ReadAsync(list))["data"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));

        // Terms sent replace the stored ones; fields not sent stay.
        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/overdue_reminders/{id}",
            new { terms = new[] { new { subject = "Final notice", body = "Pay", days_after = 30 } } }, entity);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await Json.ReadAsync(patched);
        Assert.Equal([30], body["terms"]!.AsArray().Select(t => t!["days_after"]!.GetValue<int>()));
        Assert.Equal("Firm", body["name"]!.GetValue<string>());
        Assert.Equal("ledger@example.com", body["recipients"]!["bcc"]![0]!.GetValue<string>());

        using var deleted = await api.SendAsync(HttpMethod.Delete, $"/v1/overdue_reminders/{id}", entityId: entity);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await CatalogApi.AssertNotFoundAsync(api, $"/v1/overdue_reminders/{id}", new { name = "x" }, entity);
    }

    [Theory]
    [InlineData("/v1/payment_reminders")]
    [InlineData("/v1/overdue_reminders")]
    public async Task another_entitys_reminders_are_404_unlisted_and_if_match_is_honoured(string path)
    {
        var mine = await api.CreateEntityAsync();
        var theirs = await api.CreateEntityAsync();
        var id = await api.IdOfNewAsync(path, path.Contains("payment", StringComparison.Ordinal) ? Friendly : Firm, theirs);
        await CatalogApi.AssertNotFoundAsync(api, $"{path}/{id}", new { name = "x" }, mine);
        await CatalogApi.AssertNotFoundAsync(api, $"{path}/{Guid.NewGuid()}", new { name = "x" }, mine);
        using var list = await api.SendAsync(HttpMethod.Get, path, entityId: mine);
        Assert.Empty((await Json.ReadAsync(list))["data"]!.AsArray());
        await CatalogApi.AssertIfMatchAsync(api, $"{path}/{id}", new { name = "Renamed" }, theirs);
    }

    [Theory]
    [InlineData("""{}""", "body.name")]
    [InlineData("""{"name":""}""", "body.name")]
    [InlineData("""{"name":"x","colour":"red"}""", "body.colour")]
    [InlineData("""{"name":"x","term_1_reminder":{"subject":"s","body":"b","days_before":0}}""", "body.term_1_reminder.days_before")]
    [InlineData("""{"name":"x","term_2_reminder":{"subject":"s","body":"b","days_before":10001}}""", "body.term_2_reminder.days_before")]
    [InlineData("""{"name":"x","term_final_reminder":{"subject":"s","body":"b"}}""", "body.term_final_reminder.days_before")]
    [InlineData("""{"name":"x","term_final_reminder":{"body":"b","days_before":1}}""", "body.term_final_reminder.subject")]
    [InlineData("""{"name":"x","term_final_reminder":{"subject":"s","body":"b","days_before":1,"days_after":2}}""", "body.term_final_reminder.days_after")]
    [InlineData("""{"name":"x","recipients":{"to":["not-an-email"]}}""", "body.recipients.to.0")]
    [InlineData("""{"name":"x","recipients":{"cc":["a@example.com","a@@example.com"]}}""", "body.recipients.cc.1")]
    [InlineData("""{"name":"x","recipients":{"bcc":[null]}}""", "body.recipients.bcc.0")]
    [InlineData("""{"name":"x","recipients":{"reply_to":["a@example.com"]}}""", "body.recipients.reply_to")]
    public async Task invalid_payment_reminders_are_422(string json, string loc)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/payment_reminders", json, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
        Assert.Equal(0, await api.CountStoredAsync("payment_reminder", entity));
    }

    [Theory]
    [InlineData("""{"name":"x","terms":[]}""", "body.terms")]
    [InlineData("""{"name":"x","terms":[{"subject":"s","body":"b","days_after":0}]}""", "body.terms.0.days_after")]
    [InlineData("""{"name":"x","terms":[{"subject":"s","body":"b","days_after":10001}]}""", "body.terms.0.days_after")]
    [InlineData("""{"name":"x","terms":[{"subject":"s","body":"b","days_before":3}]}""", "body.terms.0.days_before")]
    [InlineData("""{"name":"x","terms":[{"subject":"s","days_after":3}]}""", "body.terms.0.body")]
    [InlineData("""{"name":"x","terms":[{"subject":"s","body":"b","days_after":1},{"subject":"s","body":"b","days_after":2},{"subject":"s","body":"b","days_after":3},{"subject":"s","body":"b","days_after":4}]}""", "body.terms")]
    [InlineData("""{"terms":[{"subject":"s","body":"b","days_after":1}]}""", "body.name")]
    public async Task invalid_overdue_reminders_are_422(string json, string loc)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/overdue_reminders", json, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(loc, Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)));
        Assert.Equal(0, await api.CountStoredAsync("overdue_reminder", entity));
    }

    [Fact]
    public async Task recipient_lists_are_capped_and_days_of_10000_are_taken()
    {
        var entity = await api.CreateEntityAsync();
        var fifty = Enumerable.Range(0, 50).Select(i => $"r{i}@example.com").ToArray();
        var created = await api.CreateAsync("/v1/overdue_reminders",
            new { name = "Long", recipients = new { to = fifty }, terms = new[] { new { subject = "s", body = "b", days_after = 10_000 } } }, entity);
        Assert.Equal(50, created["recipients"]!["to"]!.AsArray().Count);

        using var tooMany = await api.SendAsync(HttpMethod.Patch, $"/v1/overdue_reminders/{created["id"]}",
            new { recipients = new { to = fifty.Append("one@more.example").ToArray() } }, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Contains("body.recipients.to", Json.Detail(await Json.ReadAsync(tooMany)).Select(d => Json.Loc(d!)));
    }

    [Fact]
    public async Task a_refused_patch_changes_nothing()
    {
        var entity = await api.CreateEntityAsync();
        var id = await api.IdOfNewAsync("/v1/payment_reminders", Friendly, entity);
        var before = await CatalogApi.BodyOf(api, $"/v1/payment_reminders/{id}", entity)();
        using var patched = await api.SendAsync(HttpMethod.Patch, $"/v1/payment_reminders/{id}",
            new { name = "Renamed", term_1_reminder = new { subject = "s", body = "b", days_before = 0 } }, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, patched.StatusCode);
        Assert.Equal(before, await CatalogApi.BodyOf(api, $"/v1/payment_reminders/{id}", entity)());
    }

    [Fact]
    public async Task bad_reminder_bodies_are_4xx_and_change_nothing()
    {
        var entity = await api.CreateEntityAsync();
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Post, "/v1/payment_reminders", Friendly, entity,
            new HashSet<string> { "name", "term_1_reminder.subject", "term_1_reminder.body", "term_1_reminder.days_before",
                "term_final_reminder.subject", "term_final_reminder.body", "term_final_reminder.days_before" },
            CatalogApi.CountOf(api, "payment_reminder", entity)) >= 50);
        Assert.True(await CatalogApi.FeedAsync(api, HttpMethod.Post, "/v1/overdue_reminders", Firm, entity,
            new HashSet<string> { "name", "terms.0.subject", "terms.0.body", "terms.0.days_after", "terms.1.subject", "terms.1.body", "terms.1.days_after" },
            CatalogApi.CountOf(api, "overdue_reminder", entity)) >= 50);
    }
}
