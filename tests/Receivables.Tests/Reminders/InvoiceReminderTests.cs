using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Reminders;

/// <summary>Invoices that name a payment or overdue reminder, over HTTP: only the entity's own reminders, stored and returned.</summary>
[Collection(ApiTests.Name)]
public sealed class InvoiceReminderTests(ApiHost api)
{
    private static async Task<(string Payment, string Overdue)> RemindersAsync(DocumentWorld world) =>
        ((await world.PostAsync("/v1/payment_reminders", new { name = "Friendly", term_final_reminder = new { subject = "Due", body = "Please pay", days_before = 3 } }))["id"]!.GetValue<string>(),
         (await world.PostAsync("/v1/overdue_reminders", new { name = "Firm", terms = new[] { new { subject = "Overdue", body = "Pay now", days_after = 7 } } }))["id"]!.GetValue<string>());

    private static JsonObject With(object body, params (string Key, object? Value)[] fields)
    {
        var node = DocumentWorld.Node(body);
        foreach (var (key, value) in fields) node[key] = value is null ? null : JsonValue.Create(value.ToString());
        return node;
    }

    private static void Is(HttpStatusCode expected, (HttpStatusCode Status, JsonObject Body, string? ETag) response) =>
        Assert.True(response.Status == expected, $"{response.Status} {response.Body.ToJsonString()}");

    [Fact]
    public async Task an_invoice_names_its_entitys_reminders_and_returns_them()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (payment, overdue) = await RemindersAsync(world);
        var (created, _) = await world.CreateAsync(With(world.Invoice(), ("payment_reminder_id", payment), ("overdue_reminder_id", overdue)));
        Assert.Equal(payment, created["payment_reminder_id"]!.GetValue<string>());
        Assert.Equal(overdue, created["overdue_reminder_id"]!.GetValue<string>());
        var id = created["id"]!.GetValue<string>();
        var (_, read, _) = await world.GetAsync(id);
        Assert.Equal(payment, read["payment_reminder_id"]!.GetValue<string>());
        Assert.Equal(overdue, read["overdue_reminder_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task unknown_foreign_or_mismatched_reminder_ids_are_404_and_create_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var other = await DocumentWorld.CreateAsync(api, "Other GmbH");
        var (payment, overdue) = await RemindersAsync(world);
        var (foreignPayment, foreignOverdue) = await RemindersAsync(other);
        (string Field, string Id)[] refused =
        [
            ("payment_reminder_id", Guid.NewGuid().ToString()), ("overdue_reminder_id", Guid.NewGuid().ToString()),
            ("payment_reminder_id", foreignPayment), ("overdue_reminder_id", foreignOverdue),
            // The id of the other kind of reminder is not a reminder of this kind.
            ("payment_reminder_id", overdue), ("overdue_reminder_id", payment),
        ];
        foreach (var (field, reminder) in refused)
        {
            var response = await world.SendAsync(HttpMethod.Post, "/v1/receivables", With(world.Invoice(), (field, reminder)));
            Assert.True(response.Status == HttpStatusCode.NotFound, $"{field}={reminder}: {response.Status} {response.Body.ToJsonString()}");
            Assert.Contains(reminder, response.Body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        Assert.Equal(0, await api.CountStoredAsync("receivable", world.Entity));
    }

    [Fact]
    public async Task a_draft_patch_sets_a_reminder_and_a_bad_one_changes_nothing()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (payment, overdue) = await RemindersAsync(world);
        var id = await world.CreateIdAsync(world.Invoice());
        var (_, before, _) = await world.GetAsync(id);
        Assert.Null(before["payment_reminder_id"]);

        var refused = await world.PatchAsync(id, new { invoice = new { memo = "changed", payment_reminder_id = Guid.NewGuid() } });
        Is(HttpStatusCode.NotFound, refused);
        var (_, unchanged, _) = await world.GetAsync(id);
        Assert.Equal(before.ToJsonString(), unchanged.ToJsonString());

        var patched = await world.PatchAsync(id, new { invoice = new { payment_reminder_id = payment, overdue_reminder_id = overdue } });
        Is(HttpStatusCode.OK, patched);
        Assert.Equal(payment, patched.Body["payment_reminder_id"]!.GetValue<string>());
        Assert.Equal(overdue, patched.Body["overdue_reminder_id"]!.GetValue<string>());

        // A patch that does not name the reminders keeps them.
        var memo = await world.PatchAsync(id, new { invoice = new { memo = "later" } });
        Assert.Equal(payment, memo.Body["payment_reminder_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_issued_invoice_takes_a_reminder_as_metadata()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (payment, overdue) = await RemindersAsync(world);
        var id = await world.InvoiceInAsync("issued");
        var patched = await world.PatchAsync(id, new { issued_invoice = new { overdue_reminder_id = overdue } });
        Is(HttpStatusCode.OK, patched);
        Assert.Equal(overdue, patched.Body["overdue_reminder_id"]!.GetValue<string>());
        Is(HttpStatusCode.NotFound, await world.PatchAsync(id, new { issued_invoice = new { payment_reminder_id = overdue } }));
        Assert.Null((await world.GetAsync(id)).Body["payment_reminder_id"]);
        Is(HttpStatusCode.OK, await world.PatchAsync(id, new { issued_invoice = new { payment_reminder_id = payment } }));
    }

    [Fact]
    public async Task a_quote_takes_no_reminder()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (payment, _) = await RemindersAsync(world);
        var response = await world.SendAsync(HttpMethod.Post, "/v1/receivables", With(world.Quote(), ("payment_reminder_id", payment)));
        Is(HttpStatusCode.UnprocessableEntity, response);
        Assert.Contains("body.payment_reminder_id", Json.Detail(response.Body).Select(d => Json.Loc(d!)));
    }

    [Fact]
    public async Task verify_warns_when_a_payment_reminder_has_no_payment_terms_to_count_from()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (payment, _) = await RemindersAsync(world);
        var withTerms = await world.CreateIdAsync(With(world.Invoice(), ("payment_reminder_id", payment)));
        var verified = await world.SendAsync(HttpMethod.Post, $"/v1/receivables/{withTerms}/verify");
        Is(HttpStatusCode.OK, verified);
        Assert.Null(verified.Body["warnings"]);

        var body = With(world.Invoice(), ("payment_reminder_id", payment));
        body.Remove("payment_terms_id");
        var withoutTerms = await world.CreateIdAsync(body);
        verified = await world.SendAsync(HttpMethod.Post, $"/v1/receivables/{withoutTerms}/verify");
        Is(HttpStatusCode.OK, verified);
        Assert.Contains("payment terms", verified.Body["warnings"]!["payment_reminders"]!.GetValue<string>(), StringComparison.Ordinal);

        var plain = await world.CreateIdAsync(DocumentWorld.Node(world.Invoice()).Also(o => o.Remove("payment_terms_id")));
        Assert.Null((await world.SendAsync(HttpMethod.Post, $"/v1/receivables/{plain}/verify")).Body["warnings"]);
    }

    [Fact]
    public async Task deleting_a_reminder_an_invoice_names_is_allowed_and_the_invoice_keeps_the_id()
    {
        var world = await DocumentWorld.CreateAsync(api);
        var (payment, _) = await RemindersAsync(world);
        var id = await world.CreateIdAsync(With(world.Invoice(), ("payment_reminder_id", payment)));
        Is(HttpStatusCode.NoContent, await world.SendAsync(HttpMethod.Delete, $"/v1/payment_reminders/{payment}"));
        Assert.Equal(payment, (await world.GetAsync(id)).Body["payment_reminder_id"]!.GetValue<string>());
        // Naming it again is naming an unknown reminder.
        Is(HttpStatusCode.NotFound, await world.PatchAsync(id, new { invoice = new { payment_reminder_id = payment } }));
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
