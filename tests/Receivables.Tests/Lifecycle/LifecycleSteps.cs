using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Lifecycle;

/// <summary>
/// More lifecycle steps over HTTP, on top of <see cref="LifecycleWorld"/>: overdue invoices (through the sweep),
/// credit notes, payment records, settings, and the assertions the transition tests share.
/// <para>
/// Figures used throughout: the catalog product is 120.00 EUR at 19 % VAT, so one unit is 120.00 + 22.80 = 142.80
/// and three units are 360.00 + 68.40 = 428.40 (42840 minor units). Under "2/10 net 30" amount_to_pay takes
/// round(2 % of amount_due) off while the 10 days run.
/// </para>
/// </summary>
public static class LifecycleSteps
{
    public const long ThreeUnits = 42840;
    public const long OneUnit = 14280;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A draft invoice of <paramref name="units"/> catalog units due the day it is issued (no early discount).</summary>
    public static Task<string> DueTodayDraftAsync(this DocumentWorld w, decimal units = 3) => w.DueTodayDraftAsync([w.CatalogLine(units)]);

    /// <summary>A draft invoice of these lines due the day it is issued (no early discount).</summary>
    public static Task<string> DueTodayDraftAsync(this DocumentWorld w, object[] lines)
    {
        var body = DocumentWorld.Node(w.Invoice(lines));
        body.Remove("payment_terms_id");
        body["payment_terms"] = new JsonObject { ["term_final"] = new JsonObject { ["number_of_days"] = 0 } };
        return w.CreateIdAsync(body);
    }

    /// <summary>An invoice issued today and due today, still <c>issued</c>: the sweep of tomorrow makes it overdue.</summary>
    public static async Task<JsonObject> IssuedDueTodayAsync(this DocumentWorld w, decimal units = 3)
    {
        var id = await w.DueTodayDraftAsync(units);
        var (status, body, _) = await w.ActAsync(id, "issue");
        Assert.True(status == HttpStatusCode.OK, $"issue: {status} {body.ToJsonString()}");
        Assert.Equal(Day(Today), body["due_date"]!.GetValue<string>());
        return body;
    }

    /// <summary>Runs the due-date sweep as if it were tomorrow (UTC).</summary>
    public static async Task SweepTomorrowAsync(this DocumentWorld w) => await w.SweepAt(1).RunAsync(default);

    /// <summary>An invoice of 3 units (428.40, no early discount) moved to <c>overdue</c> by the sweep; its body read back.</summary>
    public static async Task<JsonObject> OverdueInvoiceAsync(this DocumentWorld w, decimal units = 3)
    {
        var id = (await w.IssuedDueTodayAsync(units)).Id();
        await w.SweepTomorrowAsync();
        var overdue = await w.ReadAsync(id);
        Assert.Equal("overdue", overdue.Status());
        return overdue;
    }

    /// <summary>POST /v1/payment_records for a receivable (an Idempotency-Key when given).</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> PayAsync(this DocumentWorld w, string receivableId, long amount,
        string currency = "EUR", string? status = null, string? idempotencyKey = null, string type = "receivable")
    {
        var body = new JsonObject
        {
            ["amount"] = amount,
            ["currency"] = currency,
            ["object"] = new JsonObject { ["type"] = type, ["id"] = receivableId },
        };
        if (status is not null) body["status"] = status;
        using var response = await w.Api.SendAsync(HttpMethod.Post, "/v1/payment_records", body, w.Entity,
            configure: idempotencyKey is null ? null : r => r.Headers.Add("Idempotency-Key", idempotencyKey));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>A payment record that must succeed (201); the record.</summary>
    public static async Task<JsonObject> PaidAsync(this DocumentWorld w, string receivableId, long amount)
    {
        var (status, body) = await w.PayAsync(receivableId, amount);
        Assert.True(status == HttpStatusCode.Created, $"payment record: {status} {body.ToJsonString()}");
        return body;
    }

    /// <summary>An action that must answer 200; the document it returns.</summary>
    public static async Task<JsonObject> DoneAsync(this DocumentWorld w, string id, string action, object? body = null)
    {
        var (status, answer, _) = await w.ActAsync(id, action, body);
        Assert.True(status == HttpStatusCode.OK, $"{action}: {status} {answer.ToJsonString()}");
        return answer;
    }

    /// <summary>cancel, which must answer 204 with no body.</summary>
    public static async Task CanceledAsync(this DocumentWorld w, string id)
    {
        var (status, answer, _) = await w.ActAsync(id, "cancel");
        Assert.True(status == HttpStatusCode.NoContent, $"cancel: {status} {answer.ToJsonString()}");
        Assert.Empty(answer);
    }

    /// <summary>POST /v1/receivables {type: credit_note, based_on}: the draft credit note.</summary>
    public static async Task<JsonObject> DraftCreditNoteAsync(this DocumentWorld w, string invoiceId)
    {
        var (status, body, _) = await w.SendAsync(HttpMethod.Post, "/v1/receivables", new { type = "credit_note", based_on = invoiceId });
        Assert.True(status == HttpStatusCode.Created, $"credit note: {status} {body.ToJsonString()}");
        Assert.Equal("draft", body.Status());
        return body;
    }

    /// <summary>A draft credit note reduced to <paramref name="units"/> units of the catalog product (142.80 each).</summary>
    public static async Task<JsonObject> DraftCreditNoteOfUnitsAsync(this DocumentWorld w, string invoiceId, int units)
    {
        var note = (await w.DraftCreditNoteAsync(invoiceId)).Id();
        var (status, body, _) = await w.PatchAsync(note, new { credit_note = new { line_items = new Dictionary<string, object> { [w.Product.ToString()] = new { quantity = units } } } });
        Assert.True(status == HttpStatusCode.OK, $"credit note lines: {status} {body.ToJsonString()}");
        Assert.Equal(units * OneUnit, body.Minor("total_amount"));
        return body;
    }

    /// <summary>A credit note of <paramref name="units"/> units, issued; the credit note after the issue.</summary>
    public static async Task<JsonObject> IssuedCreditNoteOfUnitsAsync(this DocumentWorld w, string invoiceId, int units) =>
        await w.DoneAsync((await w.DraftCreditNoteOfUnitsAsync(invoiceId, units)).Id(), "issue");

    public static async Task<JsonObject> PatchSettingsAsync(this DocumentWorld w, object settings)
    {
        var (status, body, _) = await w.SendAsync(HttpMethod.Patch, $"/v1/entities/{w.Entity}/settings", settings);
        Assert.True(status == HttpStatusCode.OK, $"settings: {status} {body.ToJsonString()}");
        return body;
    }

    public static async Task<JsonObject> NextNumbersAsync(this DocumentWorld w)
    {
        var (status, body, _) = await w.SendAsync(HttpMethod.Get, $"/v1/entities/{w.Entity}/settings/next_document_numbers");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>The ids of the credit notes listed on an invoice.</summary>
    public static List<string> CreditNoteIds(this JsonObject invoice) =>
        invoice["related_documents"]!["credit_note_ids"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    public static string? Text(this JsonObject body, string field) => body[field]?.GetValue<string>();

    public static List<string> EventTypes(this IEnumerable<JsonObject> history) => history.Select(h => h["event_type"]!.GetValue<string>()).ToList();

    /// <summary>The status_changed events as "old→new", in order.</summary>
    public static List<string> StatusChanges(this IEnumerable<JsonObject> history) =>
        history.Where(h => h["event_type"]!.GetValue<string>() == "status_changed")
            .Select(h => $"{h["event_data"]!["old_status"]!.GetValue<string>()}→{h["event_data"]!["new_status"]!.GetValue<string>()}").ToList();

    /// <summary>
    /// The status changes with the sweep's own right after the issue: the sweep stamps its event with its clock, which
    /// the tests set a day or more ahead, so in a history ordered by time it comes after the changes made later today.
    /// </summary>
    public static List<string> SweptOrder(List<string> changes)
    {
        static bool Swept(string c) => c.EndsWith("→overdue", StringComparison.Ordinal) || c.EndsWith("→expired", StringComparison.Ordinal);
        var others = changes.Where(c => !Swept(c)).ToList();
        return [.. others.Take(1), .. changes.Where(Swept), .. others.Skip(1)];
    }

    /// <summary>
    /// A 409 whose message says the document "is <paramref name="status"/>" (the whole word: "is paid" is not
    /// "is partially_paid").
    /// </summary>
    public static void Refused((HttpStatusCode Status, JsonObject Body, string? ETag) result, string status) => Refused(result.Status, result.Body, status);

    public static void Refused((HttpStatusCode Status, JsonObject Body) result, string status) => Refused(result.Status, result.Body, status);

    public static void Refused(HttpStatusCode code, JsonObject body, string status)
    {
        Assert.True(code == HttpStatusCode.Conflict, $"expected 409 naming '{status}', got {code} {body.ToJsonString()}");
        var message = Json.Error(body);
        Assert.Matches(new Regex($@"\bis {Regex.Escape(status)}(?![A-Za-z_])"), message);
    }

    /// <summary>A 409 (a business rule, not a status), whose message contains <paramref name="fragment"/>.</summary>
    public static void Conflict((HttpStatusCode Status, JsonObject Body, string? ETag) result, string fragment)
    {
        Assert.True(result.Status == HttpStatusCode.Conflict, $"expected 409, got {result.Status} {result.Body.ToJsonString()}");
        Assert.Contains(fragment, Json.Error(result.Body), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A 422 with a detail entry at <paramref name="loc"/>.</summary>
    public static void Invalid(HttpStatusCode code, JsonObject body, string loc)
    {
        Assert.True(code == HttpStatusCode.UnprocessableEntity, $"expected 422 at {loc}, got {code} {body.ToJsonString()}");
        Assert.Contains(loc, Json.Detail(body).Select(d => Json.Loc(d!)));
    }
}
