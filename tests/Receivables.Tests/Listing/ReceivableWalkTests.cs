using System.Collections.Concurrent;
using System.Net;
using Receivables.Tests.Infrastructure;
using static Receivables.Tests.Listing.ListingApi;

namespace Receivables.Tests.Listing;

/// <summary>
/// 1,000 invoices walked forward and back while another task inserts and deletes documents among them: keyset pages
/// show every document that existed throughout exactly once each way, and never one twice; with nothing changing,
/// walking back gives the pages of walking forward. Also the largest and the default page.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class ReceivableWalkTests(ApiHost api)
{
    private const int Stable = 1000;

    private static object Invoice(Seller seller, long price) => new
    {
        type = "invoice",
        currency = "EUR",
        counterpart_id = seller.Counterpart,
        counterpart_billing_address_id = seller.BillingAddress,
        line_items = new[] { new { quantity = 1, product = new { name = "p", price = new { currency = "EUR", value = price }, measure_unit = new { name = "h" } }, tax_rate_value = 0 } },
    };

    private async Task<string> CreateAsync(Seller seller, long price)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Invoice(seller, price), seller.Entity);
        var body = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }

    private async Task DeleteAsync(Seller seller, string id)
    {
        using var response = await api.SendAsync(HttpMethod.Delete, $"/v1/receivables/{id}", entityId: seller.Entity);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Prices with many ties (a price is shared by about 10 invoices), so pages are cut inside runs of equal values.</summary>
    private static long Price(int i) => 100 + (i * 37 % 97);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ApiHost, Task<(Seller Seller, HashSet<string> Ids)>> Thousands = new();

    /// <summary>One entity with the 1,000 lasting invoices, made once per host (both tests read it; the walk adds and deletes others).</summary>
    private Task<(Seller Seller, HashSet<string> Ids)> ThousandAsync() => Thousands.GetValue(api, _ => MakeThousandAsync());

    private async Task<(Seller Seller, HashSet<string> Ids)> MakeThousandAsync()
    {
        var seller = await api.CreateSellerAsync(name: "Walk GmbH");
        var ids = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Stable), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => ids.Add(await CreateAsync(seller, Price(i))));
        return (seller, ids.ToHashSet());
    }

    [Fact]
    public async Task a_full_walk_forward_and_back_while_documents_come_and_go_shows_each_lasting_document_once()
    {
        var (seller, stable) = await ThousandAsync();
        Assert.Equal(Stable, stable.Count);

        // The churn: new invoices with prices among the stable ones' (and beyond), some deleted again at once, some later.
        using var stop = new CancellationTokenSource();
        var churned = new ConcurrentBag<string>();
        var churn = Task.Run(async () =>
        {
            var random = new Random(8);
            var live = new List<string>();
            while (!stop.IsCancellationRequested)
            {
                var id = await CreateAsync(seller, random.Next(90, 210));
                churned.Add(id);
                live.Add(id);
                if (live.Count > 3 || random.Next(2) == 0)
                {
                    var victim = live[random.Next(live.Count)];
                    live.Remove(victim);
                    await DeleteAsync(seller, victim);
                }
            }
            return live;
        });

        const int limit = 37;
        var sorts = new[] { ("total_amount", "asc"), ("total_amount", "desc"), ("created_at", "desc") };
        var churnedWhileWalking = 0;
        var everSeen = new HashSet<string>();
        try
        {
            foreach (var (sort, order) in sorts)
            {
                var before = churned.Count;
                var (forward, last) = await api.WalkAsync(seller.Entity, $"sort={sort}&order={order}", limit);
                var back = await api.WalkBackAsync(seller.Entity, last, limit);
                back.Add(last.Ids());
                churnedWhileWalking += churned.Count - before;
                foreach (var (name, pages) in new[] { ("forward", forward), ("back", back) })
                {
                    var seen = pages.SelectMany(p => p).ToList();
                    var twice = seen.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                    Assert.True(twice.Count == 0, $"{sort} {order} {name}: seen twice: {string.Join(", ", twice)}");
                    var missing = stable.Except(seen).ToList();
                    Assert.True(missing.Count == 0, $"{sort} {order} {name}: {missing.Count} lasting documents missing");
                    everSeen.UnionWith(seen);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
        }
        var leftover = await churn;
        Assert.True(churnedWhileWalking > 0, "nothing changed during the walks");
        Assert.Empty(everSeen.Except(stable).Except(churned));

        // Nothing changes now: back gives forward's pages, in every sort, with the churn's leftovers in their places.
        foreach (var id in leftover.Take(leftover.Count / 2)) await DeleteAsync(seller, id);
        foreach (var (sort, order) in sorts)
        {
            var (forward, last) = await api.WalkAsync(seller.Entity, $"sort={sort}&order={order}", limit);
            var back = await api.WalkBackAsync(seller.Entity, last, limit);
            back.Add(last.Ids());
            Assert.Equal(forward, back);
            Assert.Equal(Stable + leftover.Count - leftover.Count / 2, forward.Sum(p => p.Count));
        }
    }

    [Fact]
    public async Task limit_250_is_the_largest_page_and_100_the_default()
    {
        var (seller, stable) = await ThousandAsync();

        var largest = await api.PageAsync(seller.Entity, "limit=250&sort=amount");
        Assert.Equal(250, largest.Ids().Count);
        var next = await api.PageAsync(seller.Entity, $"{Token(largest.Next()!)}&limit=250");
        Assert.Equal(250, next.Ids().Count);
        Assert.Empty(largest.Ids().Intersect(next.Ids()));

        var byDefault = await api.PageAsync(seller.Entity, "");
        Assert.Equal(100, byDefault.Ids().Count);
        Assert.Equal(100, (await api.PageAsync(seller.Entity, Token(byDefault.Next()!))).Ids().Count);
        Assert.Equal(100, (await api.SearchPageAsync(seller.Entity, new { })).Ids().Count);
        Assert.Equal(250, (await api.SearchPageAsync(seller.Entity, new { limit = 250 })).Ids().Count);

        var (status, body) = await api.GetListAsync(seller.Entity, "limit=251");
        Invalid(status, body, "query.limit", "limit=251");
        (status, body) = await api.SearchAsync(seller.Entity, new { limit = 251 });
        Invalid(status, body, "body.limit", "limit=251 (search)");
    }
}
