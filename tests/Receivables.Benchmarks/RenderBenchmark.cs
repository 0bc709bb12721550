using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Receivables.Api;
using Receivables.Documents;
using Receivables.Domain.Payments;
using Receivables.Rendering;

/// <summary>
/// Issue 11's render run: the benchmark's 10-line invoice, read from the store as the renderer gets it, rendered to a
/// PDF over and over on one thread (with the EPC QR code, as an issued invoice carries it). Prints per language the
/// median and p95 wall-clock time per document, the PDF's size and the bytes allocated per render.
/// </summary>
internal static class RenderBenchmark
{
    public static async Task RunAsync(Container container, Guid entity, string invoiceId, string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var stored = await container.ReadItemAsync<JsonElement>(invoiceId, new PartitionKey(entity.ToString()));
        var invoice = (Invoice)stored.Resource.Deserialize<Receivable>(ApiJson.Storage)!;
        // The benchmark's entity has no bank account; the code is the size of a real one (IBAN, BIC, amount, number).
        var epc = EpcCreditTransfer.Payload("Bench GmbH", "DE89370400440532013000", "COBADEFFXXX", "EUR", invoice.TotalAmount, "INV-00001");
        var renderer = new ReceivablePdfRenderer();

        Console.WriteLine($"Render: the 10-line invoice ({invoice.LineItems.Count} lines), {count} renders per language after 50 warm-up renders, one thread.");
        Console.WriteLine($"{"Language",-10} {"median ms/doc",14} {"p95 ms/doc",11} {"PDF bytes",10} {"allocated/doc",14}");
        foreach (var language in new[] { "en", "de" })
        {
            var options = new PdfOptions { Language = language, QrPayload = epc };
            var size = 0;
            for (var i = 0; i < 50; i++) size = renderer.Render(invoice, options).Length;
            GC.Collect();
            var times = new double[count];
            long allocated = 0;
            for (var i = 0; i < count; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                renderer.Render(invoice, options);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }
            Array.Sort(times);
            Console.WriteLine($"{language,-10} {times[count / 2],14:0.00} {times[(int)(count * 0.95)],11:0.00} {size,10:N0} {allocated / count / 1024.0,11:N0} KB");
        }
    }
}
