using System.Net;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Counterparts.CounterpartApi;

namespace Receivables.Tests.Counterparts;

/// <summary>
/// Requests each counterpart route makes to Cosmos DB (pattern of <c>RoundTripTests</c>). A counterpart and all its
/// sub-resources are one document: reads are one point read, sub-resource writes a read and a conditional replace.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class CounterpartRoundTripTests(ApiHost api)
{
    private async Task<long> CountAsync(Func<Task<HttpResponseMessage>> call, HttpStatusCode expected)
    {
        // Test classes of the collection run one at a time, so the counter is ours while we measure.
        var before = api.Cosmos.Count;
        using var response = await call();
        Assert.Equal(expected, response.StatusCode);
        return api.Cosmos.Count - before;
    }

    private Task<long> CountAsync(HttpMethod method, string path, object? body, Guid entity, HttpStatusCode expected, string? ifMatch = null) =>
        CountAsync(() => api.SendAsync(method, path, body, entity, configure: ifMatch is null ? null : r => r.Headers.TryAddWithoutValidation("If-Match", ifMatch)), expected);

    [Fact]
    public async Task each_counterpart_route_makes_the_expected_number_of_round_trips()
    {
        // The entity is in the directory's cache from its creation: no route below adds an entity look-up.
        var entity = await api.CreateEntityAsync();
        Assert.Equal(1, await CountAsync(HttpMethod.Post, "/v1/counterparts", Organization(), entity, HttpStatusCode.Created));
        var counterpart = await CreateAsync(api, entity);
        var id = Id(counterpart);
        var root = $"/v1/counterparts/{id}";

        Assert.Equal(1, await CountAsync(HttpMethod.Get, root, null, entity, HttpStatusCode.OK));
        // A partition-scoped query goes out without a query plan (optimistic direct execution): one page, one trip.
        Assert.Equal(1, await CountAsync(HttpMethod.Get, "/v1/counterparts?limit=10", null, entity, HttpStatusCode.OK));
        Assert.Equal(0, await CountAsync(HttpMethod.Get, "/v1/counterparts?order=sideways", null, entity, HttpStatusCode.UnprocessableEntity));
        Assert.Equal(2, await CountAsync(HttpMethod.Patch, root, new { tax_id = "1", organization = new { } }, entity, HttpStatusCode.OK));
        Assert.Equal(1, await CountAsync(HttpMethod.Patch, root, new { tax_id = "2", organization = new { } }, entity, HttpStatusCode.PreconditionFailed, ifMatch: "\"stale\""));
        Assert.Equal(0, await CountAsync(HttpMethod.Patch, root, new { tax_id = new string('x', 31), organization = new { } }, entity, HttpStatusCode.UnprocessableEntity));

        Assert.Equal(2, await CountAsync(HttpMethod.Post, $"{root}/addresses", Address(), entity, HttpStatusCode.Created));
        var address = counterpart["default_billing_address_id"]!.GetValue<string>();
        Assert.Equal(1, await CountAsync(HttpMethod.Get, $"{root}/addresses", null, entity, HttpStatusCode.OK));
        Assert.Equal(1, await CountAsync(HttpMethod.Get, $"{root}/addresses/{address}", null, entity, HttpStatusCode.OK));
        Assert.Equal(2, await CountAsync(HttpMethod.Patch, $"{root}/addresses/{address}", new { city = "Bonn" }, entity, HttpStatusCode.OK));
        // A refused delete (the default address) costs the read only.
        Assert.Equal(1, await CountAsync(HttpMethod.Delete, $"{root}/addresses/{address}", null, entity, HttpStatusCode.Conflict));

        using (var created = await api.SendAsync(HttpMethod.Post, $"{root}/contacts", Contact(), entity))
        {
            var contact = Id(await Json.ReadAsync(created));
            Assert.Equal(2, await CountAsync(HttpMethod.Post, $"{root}/contacts", Contact("John"), entity, HttpStatusCode.OK));
            Assert.Equal(1, await CountAsync(HttpMethod.Get, $"{root}/contacts", null, entity, HttpStatusCode.OK));
            Assert.Equal(1, await CountAsync(HttpMethod.Get, $"{root}/contacts/{contact}", null, entity, HttpStatusCode.OK));
            Assert.Equal(2, await CountAsync(HttpMethod.Patch, $"{root}/contacts/{contact}", new { title = "Dr." }, entity, HttpStatusCode.OK));
            Assert.Equal(2, await CountAsync(HttpMethod.Post, $"{root}/contacts/{contact}/make_default", null, entity, HttpStatusCode.OK));
            Assert.Equal(2, await CountAsync(HttpMethod.Delete, $"{root}/contacts/{contact}", null, entity, HttpStatusCode.NoContent));
        }

        Assert.Equal(2, await CountAsync(HttpMethod.Post, $"{root}/vat_ids", VatId(), entity, HttpStatusCode.Created));
        using (var created = await api.SendAsync(HttpMethod.Post, $"{root}/vat_ids", VatId("DE2"), entity))
        {
            var vatId = Id(await Json.ReadAsync(created));
            Assert.Equal(1, await CountAsync(HttpMethod.Get, $"{root}/vat_ids", null, entity, HttpStatusCode.OK));
            Assert.Equal(1, await CountAsync(HttpMethod.Get, $"{root}/vat_ids/{vatId}", null, entity, HttpStatusCode.OK));
            Assert.Equal(2, await CountAsync(HttpMethod.Patch, $"{root}/vat_ids/{vatId}", new { value = "DE3" }, entity, HttpStatusCode.OK));
            Assert.Equal(2, await CountAsync(HttpMethod.Delete, $"{root}/vat_ids/{vatId}", null, entity, HttpStatusCode.NoContent));
        }

        Assert.Equal(1, await CountAsync(HttpMethod.Get, $"/v1/counterparts/{Guid.NewGuid()}", null, entity, HttpStatusCode.NotFound));
        Assert.Equal(2, await CountAsync(HttpMethod.Delete, root, null, entity, HttpStatusCode.NoContent));
        Assert.Equal(1, await CountAsync(HttpMethod.Delete, root, null, entity, HttpStatusCode.NotFound));
    }
}
