using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Receivables.Documents;
using Receivables.Store;
using Receivables.Sweep;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;

namespace Receivables.Tests.Pdfs;

/// <summary>
/// Issue 11 parts 2 and 3 end to end: issue stores the PDFs in Azurite, pdf_link and every document answer link to
/// them, the links open without any header until they expire, and a new revision is a new file beside the old one.
/// </summary>
[Collection(ApiTests.Name)]
public sealed class PdfLinkTests(ApiHost api)
{
    [Fact]
    public async Task Issue_stores_both_languages_and_the_links_open_with_a_plain_get()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var issued = await w.IssuedInvoiceAsync();
        var id = issued.Id();
        var number = issued.Text("document_id")!;
        Assert.Equal("de", issued.Text("file_language"));
        Assert.Equal("en", issued.Text("original_file_language"));
        // Rendered within issue's own budget: the answer links already.
        Assert.Contains($"/{w.Entity}/{id}/r1/de.pdf", issued.Text("file_url"), StringComparison.Ordinal);

        var (file, original) = await w.PdfLinkAsync(id);
        Assert.EndsWith($"/{api.PdfContainer}/{w.Entity}/{id}/r1/de.pdf", PdfWorld.BlobPath(file!), StringComparison.Ordinal);
        Assert.EndsWith($"/{api.PdfContainer}/{w.Entity}/{id}/r1/en.pdf", PdfWorld.BlobPath(original!), StringComparison.Ordinal);
        var german = await PdfWorld.PdfTextAsync(file!);
        var english = await PdfWorld.PdfTextAsync(original!);
        Assert.Contains($"{number} {id} lang=de rev=1", german, StringComparison.Ordinal);
        Assert.Contains($"{number} {id} lang=en rev=1", english, StringComparison.Ordinal);
        // The invoice's QR code: an EPC credit transfer (the invoice has a EUR bank account and no payment page).
        Assert.Contains("qr=BCD", english, StringComparison.Ordinal);
        Assert.Equal(2, (await PdfWorld.BlobsOfAsync(api, w.Entity, id)).Count);

        // Read-only: the same link cannot write.
        using var client = new HttpClient();
        using var overwrite = new HttpRequestMessage(HttpMethod.Put, new Uri(file!)) { Content = new ByteArrayContent([1, 2, 3]) };
        overwrite.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var put = await client.SendAsync(overwrite);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Contains($"{number} {id} lang=de rev=1", await PdfWorld.PdfTextAsync(file!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_curl_downloads_the_pdf()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var (file, _) = await w.PdfLinkAsync(id);
        var path = Path.Combine(Path.GetTempPath(), $"pdf-link-{Guid.NewGuid():N}.pdf");
        try
        {
            var (code, output) = await RunAsync("curl", "--silent", "--show-error", "--fail", "--output", path, file!);
            Assert.True(code == 0, $"curl: {output}");
            var (textCode, text) = await RunAsync("pdftotext", path, "-");
            Assert.True(textCode == 0, $"pdftotext: {text}");
            Assert.Contains($"{id} lang=de rev=1", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Reads_and_lists_link_without_a_store_call_and_drafts_have_none()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var draft = await w.CreateIdAsync(w.Invoice(w.CatalogLine(1)));
        var before = api.Cosmos.Count;
        var read = await w.ReadAsync(id);
        Assert.Equal(1, api.Cosmos.Count - before);
        Assert.Contains("/r1/de.pdf", read.Text("file_url"), StringComparison.Ordinal);
        Assert.Contains("/r1/en.pdf", read.Text("original_file_url"), StringComparison.Ordinal);
        await PdfWorld.PdfTextAsync(read.Text("file_url")!);

        var (status, list, _) = await w.SendAsync(HttpMethod.Get, "/v1/receivables?limit=100");
        Assert.Equal(HttpStatusCode.OK, status);
        var items = list["data"]!.AsArray().Select(d => d!.AsObject()).ToDictionary(d => d.Id());
        Assert.Contains("/r1/de.pdf", items[id].Text("file_url"), StringComparison.Ordinal);
        Assert.Null(items[draft].Text("file_url"));
        Assert.Null(items[draft].Text("original_file_url"));
        Assert.Null((await w.ReadAsync(draft)).Text("file_url"));
    }

    [Fact]
    public async Task A_full_payment_with_generate_paid_invoice_pdf_writes_revision_2_and_keeps_revision_1()
    {
        var w = await DocumentWorld.CreateAsync(api);
        await w.PatchSettingsAsync(new { generate_paid_invoice_pdf = true });
        var id = (await w.IssuedInvoiceAsync()).Id();
        var (first, _) = await w.PdfLinkAsync(id);
        var before = await PdfWorld.BlobsOfAsync(api, w.Entity, id);

        // A partial payment prints nothing new.
        await w.PaidAsync(id, 10000);
        Assert.Contains("/r1/de.pdf", (await w.ReadAsync(id)).Text("file_url"), StringComparison.Ordinal);

        var paid = await w.DoneAsync(id, "mark_as_paid");
        Assert.Equal("paid", paid.Status());
        // Revision 2 is pending until someone renders it: the answer does not link to a file that does not exist.
        Assert.Null(paid.Text("file_url"));
        var (second, secondOriginal) = await w.PdfLinkAsync(id);
        Assert.Contains("/r2/de.pdf", second, StringComparison.Ordinal);
        Assert.Contains($"{id} lang=de rev=2", await PdfWorld.PdfTextAsync(second!), StringComparison.Ordinal);
        Assert.Contains($"{id} lang=en rev=2", await PdfWorld.PdfTextAsync(secondOriginal!), StringComparison.Ordinal);

        // The old files are untouched (same ETags) and still open.
        var after = await PdfWorld.BlobsOfAsync(api, w.Entity, id);
        Assert.Equal(4, after.Count);
        foreach (var (name, etag) in before) Assert.Equal(etag, after[name]);
        Assert.Contains($"{id} lang=de rev=1", await PdfWorld.PdfTextAsync(first!), StringComparison.Ordinal);

        // The history: the status change to issued shows revision 1, the full payment revision 2, the draft's creation none.
        var history = await w.HistoryAsync(id);
        Assert.Null(history.Single(h => h["event_type"]!.GetValue<string>() == "receivable_created")["current_pdf_url"]);
        var issuedEvent = history.Single(h => h["event_type"]!.GetValue<string>() == "status_changed" && h["event_data"]!["new_status"]!.GetValue<string>() == "issued");
        Assert.Contains("/r1/de.pdf", issuedEvent["current_pdf_url"]!.GetValue<string>(), StringComparison.Ordinal);
        var payments = history.Where(h => h["event_type"]!.GetValue<string>() == "payment_received").ToList();
        Assert.Null(payments.Single(p => p["event_data"]!["amount_due"]!.GetValue<long>() > 0)["current_pdf_url"]);
        var full = payments.Single(p => p["event_data"]!["amount_due"]!.GetValue<long>() == 0)["current_pdf_url"]!.GetValue<string>();
        Assert.Contains("/r2/de.pdf", full, StringComparison.Ordinal);
        await PdfWorld.PdfTextAsync(full);
        var single = history.Single(h => h["event_type"]!.GetValue<string>() == "status_changed" && h["event_data"]!["new_status"]!.GetValue<string>() == "issued");
        var (status, one, _) = await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}/history/{single.Id()}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("/r1/de.pdf", one.Text("current_pdf_url"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_generate_paid_invoice_pdf_a_full_payment_keeps_revision_1()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedInvoiceAsync()).Id();
        var paid = await w.DoneAsync(id, "mark_as_paid");
        Assert.Contains("/r1/de.pdf", paid.Text("file_url"), StringComparison.Ordinal);
        Assert.Equal(2, (await PdfWorld.BlobsOfAsync(api, w.Entity, id)).Count);
    }

    [Fact]
    public async Task A_quote_accepted_with_a_signature_gets_a_new_revision()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.IssuedQuoteAsync()).Id();
        await w.PdfLinkAsync(id);
        var signature = new { email = "mary@buyer.example", full_name = "Mary Major", signature_image = new string('A', 64) };
        var (status, body, _) = await w.ActAsync(id, "accept", new { signature });
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var (file, _) = await w.PdfLinkAsync(id);
        Assert.Contains("/r2/de.pdf", file, StringComparison.Ordinal);
        Assert.Equal(4, (await PdfWorld.BlobsOfAsync(api, w.Entity, id)).Count);
    }

    [Fact]
    public async Task The_due_date_sweeps_overdue_event_shows_the_pdf_current_then()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var overdue = await w.OverdueInvoiceAsync();
        var history = await w.HistoryAsync(overdue.Id());
        var moved = history.Single(h => h["event_type"]!.GetValue<string>() == "status_changed" && h["event_data"]!["new_status"]!.GetValue<string>() == "overdue");
        var link = moved["current_pdf_url"]!.GetValue<string>();
        Assert.Contains("/r1/de.pdf", link, StringComparison.Ordinal);
        Assert.Contains($"{overdue.Id()} lang=de rev=1", await PdfWorld.PdfTextAsync(link), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_pdf_links_of_a_pending_document_write_each_file_once()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.PendingInvoiceAsync()).Id();
        Assert.Empty(await PdfWorld.BlobsOfAsync(api, w.Entity, id));
        Assert.Null((await w.ReadAsync(id)).Text("file_url"));

        var links = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => w.PdfLinkAsync(id)));
        Assert.All(links, l => Assert.Contains("/r1/de.pdf", l.FileUrl, StringComparison.Ordinal));
        var blobs = await PdfWorld.BlobsOfAsync(api, w.Entity, id);
        Assert.Equal(2, blobs.Count);
        // Recorded once, whoever won.
        var stored = await api.Service<DocumentStore>().ReadAsync<Receivable>(w.Entity, id, Receivable.ResourceName, default);
        Assert.Equal([1], stored!.Document.Pdf.Rendered);
        // Every file is the one first written: a later writer found it and left it.
        foreach (var link in links) await PdfWorld.PdfTextAsync(link.FileUrl!);
        Assert.Equal(blobs, await PdfWorld.BlobsOfAsync(api, w.Entity, id));
    }

    [Fact]
    public async Task The_sweep_renders_what_issue_left_pending()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var id = (await w.PendingInvoiceAsync()).Id();
        var sweep = api.Service<PdfSweep>();
        PdfSweepReport report;
        // Other tests' pending documents share the store: run until this one is done (bounded).
        var runs = 0;
        do
        {
            report = await sweep.RunAsync(default);
            runs++;
        }
        while ((await w.ReadAsync(id)).Text("file_url") is null && report.Found > 0 && runs < 20);
        var read = await w.ReadAsync(id);
        Assert.Contains("/r1/de.pdf", read.Text("file_url"), StringComparison.Ordinal);
        Assert.Contains($"{id} lang=en rev=1", await PdfWorld.PdfTextAsync(read.Text("original_file_url")!), StringComparison.Ordinal);
        Assert.Equal(0, report.Failed);
    }

    [Fact]
    public async Task A_draft_gets_a_marked_preview_keyed_by_its_version()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var (created, _) = await w.CreateAsync(w.Invoice(w.CatalogLine(2)));
        var id = created.Id();
        var (file, original) = await w.PdfLinkAsync(id);
        Assert.Contains("/previews/", file, StringComparison.Ordinal);
        var text = await PdfWorld.PdfTextAsync(file!);
        Assert.Contains($"PREVIEW draft {id} lang=de rev=0", text, StringComparison.Ordinal);
        Assert.Contains("lang=en", await PdfWorld.PdfTextAsync(original!), StringComparison.Ordinal);
        Assert.Equal(PdfWorld.BlobPath(file!), PdfWorld.BlobPath((await w.PdfLinkAsync(id)).FileUrl!));

        var (status, _, _) = await w.PatchAsync(id, new { invoice = new { memo = "changed" } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(PdfWorld.BlobPath(file!), PdfWorld.BlobPath((await w.PdfLinkAsync(id)).FileUrl!));
        // Nothing recorded on the draft, nothing outside previews/.
        Assert.Empty(await PdfWorld.BlobsOfAsync(api, w.Entity, id));
        Assert.Null((await w.ReadAsync(id)).Text("file_url"));
    }

    [Fact]
    public async Task Round_trips_of_pdf_link_and_issue()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var draft = await w.CreateIdAsync(w.Invoice(w.CatalogLine(1)));
        var before = api.Cosmos.Count;
        await w.DoneAsync(draft, "issue");
        // The action's read and batch, then the PDFs recorded with one conditional replace.
        Assert.Equal(3, api.Cosmos.Count - before);

        before = api.Cosmos.Count;
        await w.PdfLinkAsync(draft);
        Assert.Equal(1, api.Cosmos.Count - before);

        var pending = (await w.PendingInvoiceAsync()).Id();
        before = api.Cosmos.Count;
        await w.PdfLinkAsync(pending);
        // The document, its entity (what the renderer prints besides the document), the conditional replace.
        Assert.Equal(3, api.Cosmos.Count - before);
    }

    [Fact]
    public async Task Unknown_and_foreign_documents_are_not_found()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var (status, body, _) = await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{Guid.NewGuid()}/pdf_link");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.NotNull(body["error"]);
        var other = await DocumentWorld.CreateAsync(api, "Other GmbH");
        var id = (await other.IssuedInvoiceAsync()).Id();
        (status, _, _) = await w.SendAsync(HttpMethod.Get, $"/v1/receivables/{id}/pdf_link");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
