using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Worker.Rpc;
using Xunit.Abstractions;

namespace Receivables.Tests.Worker;

/// <summary>
/// End-to-end scenarios through the real built Functions worker, driven by the host stand-in over the worker protocol
/// (the Kestrel host is not involved): every HTTP request below is an InvocationRequest plus a forwarded request to the
/// worker's own listener, and every answer names the function that gave it. One worker for the class.
/// </summary>
public sealed class WorkerScenarioTests(WorkerHost worker, ITestOutputHelper output) : IClassFixture<WorkerHost>
{
    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private async Task TimedAsync(Func<Task> scenario, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var watch = Stopwatch.StartNew();
        await scenario();
        output.WriteLine($"{name}: {watch.ElapsedMilliseconds} ms (this class's worker: ready {worker.StandIn.StartupTime.TotalMilliseconds:0} ms after its process started, first token and store request {worker.Warmup.TotalMilliseconds:0} ms)");
    }

    private async Task<Guid> CreateEntityAsync(string name)
    {
        var created = (await worker.SendAsync(HttpMethod.Post, "/v1/entities", Bodies.Organization(name))).Expect(HttpStatusCode.Created, "CreateEntity");
        return Guid.Parse(Text(created.Json["id"]));
    }

    /// <summary>An entity with a customer: enough for a draft invoice (<see cref="Bodies.Invoice"/>).</summary>
    private async Task<Seller> CreateSellerAsync(string name)
    {
        var entity = await CreateEntityAsync(name);
        var counterpart = (await worker.SendAsync(HttpMethod.Post, "/v1/counterparts", new
        {
            type = "organization",
            organization = new
            {
                legal_name = "Customer AG", is_customer = true, is_vendor = false,
                address = new { country = "DE", city = "Hamburg", postal_code = "20095", line1 = "Jungfernstieg 1" },
            },
        }, entity)).Expect(HttpStatusCode.Created, "CreateCounterpart").Json;
        return new Seller(entity, Guid.Parse(Text(counterpart["id"])), Guid.Parse(Text(counterpart["default_billing_address_id"])));
    }

    [Fact]
    public Task a_token_from_the_worker_opens_the_protected_routes() => TimedAsync(async () =>
    {
        using var response = await worker.PostTokenAsync(ApiHost.ClientA, ApiHost.SecretA);
        var token = (await Answer.ReadAsync(response, worker.StandIn)).Expect(HttpStatusCode.OK, "CreateToken").Json;
        Assert.Equal("Bearer", Text(token["token_type"]));

        var entities = (await worker.SendAsync(HttpMethod.Get, "/v1/entities", bearer: Text(token["access_token"]))).Expect(HttpStatusCode.OK, "ListEntities");
        Assert.NotNull(entities.Json["data"]);
    });

    [Fact]
    public Task an_entity_is_created_and_read_back() => TimedAsync(async () =>
    {
        var id = await CreateEntityAsync("Worker Entity GmbH");
        var read = (await worker.SendAsync(HttpMethod.Get, $"/v1/entities/{id}")).Expect(HttpStatusCode.OK, "GetEntity").Json;
        Assert.Equal(id.ToString(), Text(read["id"]));
        Assert.Equal("Worker Entity GmbH", Text(read["organization"]!["legal_name"]));
    });

    [Fact]
    public Task an_invoice_is_created_read_patched_and_deleted() => TimedAsync(async () =>
    {
        var seller = await CreateSellerAsync("Invoicing GmbH");
        var created = (await worker.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(seller), seller.Entity)).Expect(HttpStatusCode.Created, "CreateReceivable");
        var id = Text(created.Json["id"]);
        Assert.Equal("draft", Text(created.Json["status"]));
        // 1.5 h at 120.00 EUR + 19 % VAT.
        Assert.Equal(21420, created.Json["total_amount"]!.GetValue<long>());
        var etag = created.Headers.ETag!.Tag;

        var read = (await worker.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entity: seller.Entity)).Expect(HttpStatusCode.OK, "GetReceivable");
        Assert.Equal(etag, read.Headers.ETag!.Tag);
        Assert.Equal("Thank you for your business", Text(read.Json["memo"]));

        var patched = (await worker.SendAsync(HttpMethod.Patch, $"/v1/receivables/{id}", new { invoice = new { memo = "Patched through the worker" } }, seller.Entity,
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", etag))).Expect(HttpStatusCode.OK, "UpdateReceivable");
        Assert.Equal("Patched through the worker", Text(patched.Json["memo"]));
        var newer = patched.Headers.ETag!.Tag;
        Assert.NotEqual(etag, newer);

        // The old ETag no longer matches: the precondition travels through the forwarded request.
        (await worker.SendAsync(HttpMethod.Delete, $"/v1/receivables/{id}", entity: seller.Entity,
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", etag))).Expect(HttpStatusCode.PreconditionFailed, "DeleteReceivable");
        var deleted = (await worker.SendAsync(HttpMethod.Delete, $"/v1/receivables/{id}", entity: seller.Entity,
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", newer))).Expect(HttpStatusCode.NoContent, "DeleteReceivable");
        Assert.Empty(deleted.Text);
        var gone = (await worker.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entity: seller.Entity)).Expect(HttpStatusCode.NotFound, "GetReceivable");
        Assert.NotEmpty(Json.Error(gone.Json));
    });

    [Fact]
    public Task bad_input_is_answered_in_the_api_error_shapes() => TimedAsync(async () =>
    {
        var entity = await CreateEntityAsync("Strict GmbH");
        var extra = (await worker.SendAsync(HttpMethod.Post, "/v1/receivables",
            """{"type":"invoice","currency":"EUR","counterpart_id":"0b1c4d5e-0000-4000-8000-000000000001","counterpart_billing_address_id":"0b1c4d5e-0000-4000-8000-000000000002","line_items":[],"colour":"red"}""",
            entity)).Expect(HttpStatusCode.UnprocessableEntity, "CreateReceivable");
        Assert.Equal("application/json", extra.ContentHeaders.ContentType!.MediaType);
        var item = Json.Detail(extra.Json).Single()!;
        Assert.Equal("body.colour", Json.Loc(item));
        Assert.Equal("value_error.extra", Text(item["type"]));

        // A route value the worker's own routing took from the path.
        var badId = (await worker.SendAsync(HttpMethod.Delete, "/v1/receivables/12345", entity: entity)).Expect(HttpStatusCode.UnprocessableEntity, "DeleteReceivable");
        Assert.Equal("path.receivable_id", Json.Loc(Json.Detail(badId.Json)[0]!));

        // A header the API requires, missing.
        var noEntity = (await worker.SendAsync(HttpMethod.Get, "/v1/receivables")).Expect(HttpStatusCode.UnprocessableEntity, "ListReceivables");
        Assert.Equal("header.x-monite-entity-id", Json.Loc(Json.Detail(noEntity.Json)[0]!));
    });

    [Fact]
    public Task an_unknown_invoice_is_404_and_the_literal_route_beside_the_id_route_is_its_own_function() => TimedAsync(async () =>
    {
        var entity = await CreateEntityAsync("Lookup GmbH");
        var missing = (await worker.SendAsync(HttpMethod.Get, $"/v1/receivables/{Guid.NewGuid()}", entity: entity)).Expect(HttpStatusCode.NotFound, "GetReceivable");
        Assert.NotEmpty(Json.Error(missing.Json));

        // receivables/required_fields and receivables/{receivable_id:guid}: one function each, never both.
        var required = (await worker.SendAsync(HttpMethod.Get, "/v1/receivables/required_fields", entity: entity)).Expect(HttpStatusCode.OK, "GetReceivableRequiredFields");
        Assert.Equal(["counterpart", "entity", "line_item"], required.Json.Select(p => p.Key));
    });

    [Fact]
    public Task a_page_of_an_allowed_origin_may_read_the_etag_and_the_platform_does_the_rest_of_cors() => TimedAsync(async () =>
    {
        var entity = await CreateEntityAsync("Browser GmbH");
        var allowed = (await worker.SendAsync(HttpMethod.Get, $"/v1/entities/{entity}", configure: r => r.Headers.Add("Origin", WorkerHost.AllowedOrigin))).Expect(HttpStatusCode.OK, "GetEntity");
        Assert.NotNull(allowed.Headers.ETag);
        var exposed = string.Join(",", allowed.Headers.GetValues("Access-Control-Expose-Headers")).Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("etag", exposed);
        Assert.Contains("x-request-id", exposed);
        // Allowing the origin, answering preflights and Vary are the Functions host's (siteConfig.cors, Host.CORS), not the worker's.
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Origin"));

        // Errors too: a 401 the page should be able to read once the platform allows its origin.
        var unauthorized = (await worker.SendAsync(HttpMethod.Get, "/v1/entities", bearer: "not-a-token", configure: r => r.Headers.Add("Origin", WorkerHost.AllowedOrigin))).Expect(HttpStatusCode.Unauthorized, "ListEntities");
        Assert.True(unauthorized.Headers.Contains("Access-Control-Expose-Headers"));

        var other = (await worker.SendAsync(HttpMethod.Get, $"/v1/entities/{entity}", configure: r => r.Headers.Add("Origin", "https://elsewhere.example.com"))).Expect(HttpStatusCode.OK, "GetEntity");
        Assert.DoesNotContain(other.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    });

    [Fact]
    public Task a_bad_or_missing_token_is_401() => TimedAsync(async () =>
    {
        var forged = (await worker.SendAsync(HttpMethod.Get, "/v1/entities", bearer: "not.a.jwt")).Expect(HttpStatusCode.Unauthorized, "ListEntities");
        Assert.Contains("invalid", Json.Error(forged.Json), StringComparison.Ordinal);
        Assert.Equal("Bearer", forged.Headers.WwwAuthenticate.Single().Scheme);

        var none = (await worker.SendAsync(HttpMethod.Get, "/v1/entities", configure: r => r.Headers.Authorization = null)).Expect(HttpStatusCode.Unauthorized, "ListEntities");
        Assert.Contains("Missing Authorization", Json.Error(none.Json), StringComparison.Ordinal);

        using var wrongSecret = await worker.PostTokenAsync(ApiHost.ClientA, ApiHost.SecretB);
        var refused = (await Answer.ReadAsync(wrongSecret, worker.StandIn)).Expect(HttpStatusCode.Unauthorized, "CreateToken");
        Assert.Equal("Invalid client credentials", Json.Error(refused.Json));
    });

    [Fact]
    public Task concurrent_requests_are_each_answered_by_their_own_invocation() => TimedAsync(async () =>
    {
        var names = Enumerable.Range(1, 6).Select(i => $"Parallel {i} GmbH").ToList();
        var ids = await Task.WhenAll(names.Select(CreateEntityAsync));
        var reads = await Task.WhenAll(ids.Select(id => worker.SendAsync(HttpMethod.Get, $"/v1/entities/{id}")));
        for (var i = 0; i < names.Count; i++)
        {
            var read = reads[i].Expect(HttpStatusCode.OK, "GetEntity").Json;
            Assert.Equal(ids[i].ToString(), Text(read["id"]));
            Assert.Equal(names[i], Text(read["organization"]!["legal_name"]));
        }
    });

    [Fact]
    public Task the_timer_sweep_makes_an_invoice_past_its_due_date_overdue() => TimedAsync(async () =>
    {
        // An invoice issued through the worker, due the day it is issued ...
        var seller = await CreateSellerAsync("Sweep GmbH");
        var bank = (await worker.SendAsync(HttpMethod.Post, "/v1/bank_accounts", new
        {
            account_holder_name = "Sweep GmbH", bank_name = "Commerzbank", bic = "COBADEFFXXX", country = "DE", currency = "EUR", iban = "DE89370400440532013000",
        }, seller.Entity)).Expect(HttpStatusCode.Created, "CreateBankAccount").Json;
        var vatId = (await worker.SendAsync(HttpMethod.Post, $"/v1/entities/{seller.Entity}/vat_ids", new { country = "DE", value = "DE123456789", type = "eu_vat" }))
            .Expect(HttpStatusCode.Created, "CreateEntityVatId").Json;
        var buyerVat = (await worker.SendAsync(HttpMethod.Post, $"/v1/counterparts/{seller.Counterpart}/vat_ids", new { country = "DE", value = "DE811907980", type = "eu_vat" }, seller.Entity))
            .Expect(HttpStatusCode.Created, "CreateCounterpartVatId").Json;
        var draft = JsonNode.Parse(Bodies.Serialize(Bodies.Invoice(seller)))!.AsObject();
        draft["entity_bank_account_id"] = Text(bank["id"]);
        draft["entity_vat_id_id"] = Text(vatId["id"]);
        draft["counterpart_vat_id_id"] = Text(buyerVat["id"]);
        draft["payment_terms"] = new JsonObject { ["term_final"] = new JsonObject { ["number_of_days"] = 0 } };
        // An entity in DE issues with a rate of the VAT table: two widgets at 50.00 EUR, 19 %.
        draft["line_items"] = JsonNode.Parse(Bodies.Serialize(new[] { Documents.DocumentWorld.InlineLine("Widget", 5000, 2, Documents.DocumentWorld.Vat19) }));
        var id = Text((await worker.SendAsync(HttpMethod.Post, "/v1/receivables", draft.ToJsonString(), seller.Entity)).Expect(HttpStatusCode.Created, "CreateReceivable").Json["id"]);
        var issued = (await worker.SendAsync(HttpMethod.Post, $"/v1/receivables/{id}/issue", entity: seller.Entity)).Expect(HttpStatusCode.OK, "IssueReceivable").Json;
        Assert.Equal("issued", Text(issued["status"]));
        Assert.NotNull(issued["due_date"]);

        // ... whose due date is then in the past (test arrangement in the store: no route sets a past due date; two days
        // back, so that midnight passing during the test changes nothing) ...
        var past = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var patch = await worker.Documents.PatchItemStreamAsync(id, new PartitionKey(seller.Entity.ToString()), [PatchOperation.Set("/due_date", past)]))
        {
            Assert.True(patch.IsSuccessStatusCode, $"patch due_date: {patch.StatusCode} {patch.ErrorMessage}");
        }
        Assert.Equal("issued", Text((await worker.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entity: seller.Entity)).Expect(HttpStatusCode.OK, "GetReceivable").Json["status"]));

        // ... is overdue after the timer fires, with the status change in its history.
        var run = await worker.StandIn.InvokeTimerAsync("DueDateSweep");
        Assert.True(run.Result.Status == StatusResult.Types.Status.Success, $"{run.Result.Status} {run.Result.Exception?.Message}\n{worker.StandIn.Transcript}");
        var swept = (await worker.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}", entity: seller.Entity)).Expect(HttpStatusCode.OK, "GetReceivable").Json;
        Assert.Equal("overdue", Text(swept["status"]));
        Assert.Equal(past, Text(swept["due_date"]));
        var history = (await worker.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}/history?event_type__in=status_changed", entity: seller.Entity))
            .Expect(HttpStatusCode.OK, "ListReceivableHistory").Json["data"]!.AsArray();
        Assert.Equal(("issued", "overdue"), (Text(history[^1]!["event_data"]!["old_status"]), Text(history[^1]!["event_data"]!["new_status"])));
    });

    [Fact]
    public Task an_invocation_that_fails_is_500_though_the_worker_answers_the_forwarded_request() => TimedAsync(async () =>
    {
        // The forwarded request goes to a path the worker does not map: its listener answers it (404) at once, while the
        // invocation waits for the function start that never comes and fails after the worker's own timeout (15 s in
        // Worker.Extensions.Http.AspNetCore 2.1.1). Only the InvocationResponse says so; the host, and the stand-in, answer 500.
        worker.StandIn.ForwardedPathOverride = "/v1/no-such-route";
        Answer answer;
        try
        {
            answer = await worker.SendAsync(HttpMethod.Get, "/v1/entities");
        }
        finally
        {
            worker.StandIn.ForwardedPathOverride = null;
        }
        Assert.True(answer.Status == HttpStatusCode.InternalServerError && answer.Function == "ListEntities", $"{(int)answer.Status} {answer.Function}: {answer.Text}\n{answer.Transcript}");
        Assert.Empty(answer.Text);
        Assert.Contains("<- worker 404", answer.Transcript, StringComparison.Ordinal);
        Assert.Contains("invocation Failure: Timed out waiting for the function start call", answer.Transcript, StringComparison.Ordinal);

        // The worker is none the worse for it.
        (await worker.SendAsync(HttpMethod.Get, "/v1/entities")).Expect(HttpStatusCode.OK, "ListEntities");
    });

    [Fact]
    public Task a_timer_invocation_the_worker_cannot_bind_comes_back_as_a_failure() => TimedAsync(async () =>
    {
        // The stand-in does not paper over a failed invocation: the worker's InvocationResponse says Failure, with why.
        var run = await worker.StandIn.InvokeTimerAsync("DueDateSweep", "{not json");
        Assert.True(run.Result.Status == StatusResult.Types.Status.Failure, $"{run.Result.Status}\n{worker.StandIn.Transcript}");
        Assert.False(string.IsNullOrEmpty(run.Result.Exception?.Message), worker.StandIn.Transcript);
        output.WriteLine("worker said: " + run.Result.Exception!.Message);
    });
}
