using System.Diagnostics;
using System.Globalization;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Receivables.Documents;
using Receivables.Domain;
using Receivables.Domain.Lifecycle;
using Receivables.Store;
using Receivables.Sweep;
using Receivables.Testing.Cosmos;

/// <summary>
/// The due-date sweep at scale (issue 7): seeds <c>total</c> receivables over 100 entities, <c>due</c> of them
/// invoices past their due date, runs <see cref="DueDateSweep"/> and counts its Cosmos DB requests by kind, then runs
/// it again to show that a second run moves nothing and reads one page. Each case gets a Cosmos test server of its own.
/// </summary>
internal static class SweepBenchmark
{
    private const int Entities = 100;
    private const int SeedBatch = 100; // Cosmos DB's limit of operations per TransactionalBatch
    private const int SeedConcurrency = 4;

    // Same due count at two totals (the work must not grow with the total), two due counts at one total (it must
    // grow with them), and the headline case of issue 7.
    private static readonly (int Total, int Due)[] DefaultCases = [(10_000, 1_000), (100_000, 1_000), (100_000, 10_000)];

    public static async Task RunAsync(string[] args)
    {
        var cases = args.Length == 0
            ? DefaultCases
            : args.Chunk(2).Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), p.Length > 1 ? int.Parse(p[1], CultureInfo.InvariantCulture) : 10_000)).ToArray();
        Console.WriteLine($"Due-date sweep: receivables over {Entities} entities, seeded in batches of {SeedBatch} ({SeedConcurrency} at a time); " +
                          "one Cosmos test server process per case.");
        var results = new List<Result>();
        foreach (var (total, due) in cases)
        {
            if (due > total) throw new ArgumentException($"due ({due}) must not exceed total ({total})");
            results.Add(await RunCaseAsync(total, due));
        }

        Console.WriteLine();
        Console.WriteLine("| Receivables | Due | Seed | Sweep: query pages (+ plans) | Batches | Requests | Requests / moved | Moved | Wall time | ms / batch | ms / query page | 2nd run: requests (pages + plans) | Moved | Wall time |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var f = r.First;
            var s = r.Second;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Total:N0} | {r.Due:N0} | {r.Seed.TotalSeconds:0.0} s | {f.Queries} (+ {f.Plans}) | {f.Batches:N0} | {f.Requests:N0} | {(double)f.Requests / Math.Max(1, f.Report.Moved):0.000} | {f.Report.Moved:N0} " +
                $"| {f.Wall.TotalSeconds:0.00} s | {f.BatchMs / Math.Max(1, f.Batches):0.00} | {f.QueryMs / Math.Max(1, f.Queries):0.0} | {s.Requests} ({s.Queries} + {s.Plans}) | {s.Report.Moved} | {s.Wall.TotalMilliseconds:0} ms |"));
        }
    }

    private static async Task<Result> RunCaseAsync(int total, int due)
    {
        using var cosmos = CosmosProcess.Start();
        var counter = new RequestKindCounter();
        using var client = new CosmosConnection(new Uri(cosmos.Endpoint), CosmosTestServer.EmulatorKey, "sweep").CreateClient(o =>
        {
            o.Serializer = new CosmosStjSerializer();
            o.CustomHandlers.Add(counter);
        });
        var store = new DocumentStore(client, "sweep", createIfMissing: true);
        await store.ContainerAsync();

        // Midday, so that "today" is the same date in every time zone that matters to a reader of the output.
        var now = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var clock = new FixedClock(now);

        Console.WriteLine();
        Console.WriteLine($"## {total:N0} receivables, {due:N0} due");
        var documents = Seed.Documents(total, due, today, now);
        var seedTimer = Stopwatch.StartNew();
        var chunks = documents.GroupBy(d => d.EntityId).SelectMany(g => g.Chunk(SeedBatch)).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = SeedConcurrency }, async (chunk, ct) =>
            await store.CommitAsync(chunk[0].EntityId, chunk.Select(d => (BatchWrite)new CreateWrite(d)).ToList(), ct));
        seedTimer.Stop();
        Console.WriteLine($"Seeded {documents.Count:N0} documents in {chunks.Count:N0} batches: {seedTimer.Elapsed.TotalSeconds:0.0} s");
        documents.Clear();

        var sweep = new DueDateSweep(store, clock, NullLogger<DueDateSweep>.Instance);
        var first = await MeasureAsync(sweep, counter);
        Console.WriteLine($"First run:  {first}");
        var second = await MeasureAsync(sweep, counter);
        Console.WriteLine($"Second run: {second}");

        // Check the outcome (not counted): every due invoice is overdue, with one history event each.
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var stillDue = await CountAsync(store, new QueryDefinition(
            "SELECT VALUE COUNT(1) FROM c WHERE c.resource = 'receivable' AND c.type = 'invoice' AND (c.status = 'issued' OR c.status = 'partially_paid') AND c.due_date < @today")
            .WithParameter("@today", day));
        var events = await CountAsync(store, new QueryDefinition(
            "SELECT VALUE COUNT(1) FROM c WHERE c.resource = 'receivable_history' AND c.event_type = 'status_changed'"));
        Console.WriteLine($"Check: {stillDue} due invoices left, {events:N0} status_changed events (expected 0 and {due:N0})");
        if (first.Report.Moved != due || first.Report.Skipped != 0 || first.Report.Failed != 0 || second.Report.Moved != 0 || stillDue != 0 || events != due)
            throw new InvalidOperationException($"the sweep did not do what it should: {first.Report}, {second.Report}, {stillDue} left, {events} events");
        return new Result(total, due, seedTimer.Elapsed, first, second);
    }

    private static async Task<Run> MeasureAsync(DueDateSweep sweep, RequestKindCounter counter)
    {
        var before = counter.Snapshot();
        var timer = Stopwatch.StartNew();
        var report = await sweep.RunAsync(CancellationToken.None);
        timer.Stop();
        var d = counter.Snapshot() - before;
        return new Run(report, timer.Elapsed, d.Queries, d.Plans, d.Batches, d.Other, d.QueryMs, d.BatchMs);
    }

    private static async Task<long> CountAsync(DocumentStore store, QueryDefinition query)
    {
        var container = await store.ContainerAsync();
        using var iterator = container.GetItemQueryIterator<long>(query);
        long count = 0;
        while (iterator.HasMoreResults) count += (await iterator.ReadNextAsync()).Sum();
        return count;
    }

    private sealed record Result(int Total, int Due, TimeSpan Seed, Run First, Run Second);

    private sealed record Run(SweepReport Report, TimeSpan Wall, long Queries, long Plans, long Batches, long Other, double QueryMs, double BatchMs)
    {
        public long Requests => Queries + Plans + Batches + Other;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Report}; {Requests:N0} Cosmos requests = {Queries} query pages + {Plans} query plans + {Batches:N0} batches + {Other} other; {Wall.TotalSeconds:0.00} s");
    }

    /// <summary>The documents of one case, shuffled over the entities so that every partition holds due and other invoices.</summary>
    private static class Seed
    {
        public static List<Receivable> Documents(int total, int due, DateOnly today, DateTimeOffset now)
        {
            var random = new Random(7);
            var entities = Enumerable.Range(0, Entities).Select(_ => Guid.NewGuid()).ToArray();
            var counterpart = Guid.NewGuid();
            var documents = new List<Receivable>(total);
            for (var i = 0; i < total; i++)
            {
                var entity = entities[i % Entities];
                documents.Add(i < due ? DueInvoice(i, entity, counterpart, today, now) : Other(i - due, entity, counterpart, today, now));
            }
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(documents));
            return documents;
        }

        // Past due by 1 to 60 days; one in ten partially paid (also due: the sweep moves both).
        private static Invoice DueInvoice(int i, Guid entity, Guid counterpart, DateOnly today, DateTimeOffset now)
        {
            var invoice = Issued(i, entity, counterpart, today.AddDays(-1 - (i % 60)), now);
            if (i % 10 == 9) Pay(invoice, invoice.TotalAmount / 2, now, ReceivableStatus.PartiallyPaid);
            return invoice;
        }

        // Not due, in a mix that makes every term of the sweep's filter matter: issued but due today or later, paid,
        // canceled or already overdue with past due dates, drafts without a due date, and issued quotes not yet expired.
        private static Receivable Other(int i, Guid entity, Guid counterpart, DateOnly today, DateTimeOffset now)
        {
            var past = today.AddDays(-1 - (i % 60));
            switch (i % 10)
            {
                case 0 or 1 or 2 or 3: return Issued(i, entity, counterpart, today.AddDays(i % 60), now);
                case 4 or 5:
                {
                    var paid = Issued(i, entity, counterpart, past, now);
                    Pay(paid, paid.TotalAmount, now, ReceivableStatus.Paid);
                    return paid;
                }
                case 6:
                {
                    var draft = Issued(i, entity, counterpart, null, now);
                    draft.Status = ReceivableStatus.Draft;
                    draft.DocumentId = null;
                    draft.IssueDate = null;
                    return draft;
                }
                case 7:
                {
                    var overdue = Issued(i, entity, counterpart, past, now);
                    overdue.Status = ReceivableStatus.Overdue;
                    return overdue;
                }
                case 8:
                {
                    var canceled = Issued(i, entity, counterpart, past, now);
                    canceled.Status = ReceivableStatus.Canceled;
                    return canceled;
                }
                default:
                    return new Quote
                    {
                        Id = Guid.NewGuid().ToString(), EntityId = entity, Resource = Receivable.ResourceName, CreatedAt = now, UpdatedAt = now,
                        Status = ReceivableStatus.Issued, Currency = "EUR", CounterpartId = counterpart, Entity = Issuer, EntityAddress = IssuerAddress,
                        VatMode = VatMode.Exclusive, VatInclusiveDiscountMode = VatMode.Exclusive, FileLanguage = "en", OriginalFileLanguage = "en",
                        DocumentId = $"Q-{i:D6}", IssueDate = now, ExpiryDate = today.AddDays(1 + (i % 30)),
                        Subtotal = 10_000, DiscountedSubtotal = 10_000, TotalVatAmount = 1_900, SubtotalAfterVat = 11_900, TotalAmount = 11_900,
                        CounterpartName = "Buyer AG", CounterpartType = "organization",
                    };
            }
        }

        private static Invoice Issued(int i, Guid entity, Guid counterpart, DateOnly? dueDate, DateTimeOffset now) => new()
        {
            Id = Guid.NewGuid().ToString(), EntityId = entity, Resource = Receivable.ResourceName, CreatedAt = now, UpdatedAt = now,
            Status = ReceivableStatus.Issued, Currency = "EUR", CounterpartId = counterpart, Entity = Issuer, EntityAddress = IssuerAddress,
            VatMode = VatMode.Exclusive, VatInclusiveDiscountMode = VatMode.Exclusive, FileLanguage = "en", OriginalFileLanguage = "en",
            DocumentId = $"INV-{i:D6}", IssueDate = now, DueDate = dueDate,
            Subtotal = 10_000, DiscountedSubtotal = 10_000, TotalVatAmount = 1_900, SubtotalAfterVat = 11_900, TotalAmount = 11_900,
            AmountDue = 11_900, AmountToPay = 11_900, TotalAmountWithCreditNotes = 11_900,
            CounterpartName = "Buyer AG", CounterpartType = "organization",
        };

        private static void Pay(Invoice invoice, long amount, DateTimeOffset now, ReceivableStatus status)
        {
            invoice.AmountPaid = amount;
            invoice.AmountDue = invoice.TotalAmount - amount;
            invoice.AmountToPay = invoice.AmountDue;
            invoice.Status = status;
            if (status == ReceivableStatus.Paid) invoice.PaidAt = now;
        }

        private static readonly EntitySnapshot Issuer = new("organization", "Bench GmbH", null, null, "billing@bench.example", null, null, null, null, "DE1", null, null);
        private static readonly EntityAddressSnapshot IssuerAddress = new("Unter den Linden 1", null, "Berlin", "10115", null, "DE");
    }
}

/// <summary>A clock that stands still.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// Cosmos DB requests by kind, told apart by their headers, with the time spent waiting for each kind
/// (the handler sits in the SDK's pipeline, so the time includes the SDK's transport and the server).
/// </summary>
internal sealed class RequestKindCounter : RequestHandler
{
    private long queries, plans, batches, other, queryTicks, batchTicks;

    public Counts Snapshot() => new(Interlocked.Read(ref queries), Interlocked.Read(ref plans), Interlocked.Read(ref batches), Interlocked.Read(ref other),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref queryTicks)).TotalMilliseconds, Stopwatch.GetElapsedTime(0, Interlocked.Read(ref batchTicks)).TotalMilliseconds);

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        var elapsed = Stopwatch.GetTimestamp() - start;
        if (Is(request, "x-ms-cosmos-is-query-plan-request"))
        {
            Interlocked.Increment(ref plans);
        }
        else if (Is(request, "x-ms-documentdb-isquery") || Is(request, "x-ms-cosmos-is-query"))
        {
            Interlocked.Increment(ref queries);
            Interlocked.Add(ref queryTicks, elapsed);
        }
        else if (Is(request, "x-ms-cosmos-is-batch-request"))
        {
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref batchTicks, elapsed);
        }
        else
        {
            Interlocked.Increment(ref other);
        }
        return response;
    }

    private static bool Is(RequestMessage request, string header) =>
        string.Equals(request.Headers[header], "true", StringComparison.OrdinalIgnoreCase);

    internal readonly record struct Counts(long Queries, long Plans, long Batches, long Other, double QueryMs, double BatchMs)
    {
        public static Counts operator -(Counts a, Counts b) =>
            new(a.Queries - b.Queries, a.Plans - b.Plans, a.Batches - b.Batches, a.Other - b.Other, a.QueryMs - b.QueryMs, a.BatchMs - b.BatchMs);
    }
}
