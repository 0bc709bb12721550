using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Receivables.Documents;
using Receivables.PaymentLinks;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;
using static Receivables.Tests.Lifecycle.LifecycleSteps;

namespace Receivables.Tests.PaymentLinks;

/// <summary>
/// The payment page in a real browser: Debian's chromium, headless, driven by playwright-core (tests/browser). A payer
/// sees the amount and IBAN, a QR code that decodes (from the pixels chromium drew) to the EPC transfer, downloads the
/// PDF, and an expired or paid link says so. The page may load nothing from any other host: the script blocks and
/// lists every such request, and there must be none. The PDF seam is a stand-in serving a small PDF from a second
/// local server, so the link can be followed before rendering and storage are wired.
/// </summary>
public sealed class PaymentPageBrowserTests(PaymentPageBrowserTests.BrowserHost host) : IClassFixture<PaymentPageBrowserTests.BrowserHost>
{
    [ChromiumFact]
    public async Task a_payer_sees_amount_iban_and_a_scannable_qr_code_downloads_the_pdf_and_expired_and_paid_links_say_so()
    {
        var w = await DocumentWorld.CreateAsync(host);
        var invoice = await w.IssuedInvoiceAsync();
        var link = await w.LinkAsync(invoice.Id(), b => b["return_url"] = "https://shop.example/thanks");
        // The invoice's new revision (its QR code opens the payment page) was rendered and stored with the link.
        var stored = await w.StoredAsync(invoice.Id());
        Assert.Contains(stored["pdf"]!["current"]!.GetValue<int>(), stored["pdf"]!["rendered"]!.AsArray().Select(r => r!.GetValue<int>()));
        Assert.Equal(2, stored["pdf"]!["current"]!.GetValue<int>());

        var expiredInvoice = (await w.IssuedInvoiceAsync()).Id();
        var expired = await w.LinkAsync(expiredInvoice);
        await w.ExpireLinkAsync(expired.Id());
        var paidInvoice = (await w.IssuedInvoiceAsync()).Id();
        var paid = await w.LinkAsync(paidInvoice);
        await w.PaidAsync(paidInvoice, ThreeUnits);

        var screenshot = Path.Combine(Path.GetTempPath(), $"payment-page-{Guid.NewGuid():N}.png");
        var report = await BrowserScript.RunAsync("payment-page.mjs", new JsonObject
        {
            ["active"] = link.Text("payment_page_url"),
            ["expired"] = expired.Text("payment_page_url"),
            ["paid"] = paid.Text("payment_page_url"),
            ["allowedHosts"] = new JsonArray(host.Http.BaseAddress!.Authority, (await AzuriteEndpoint.BlobEndpointAsync()).Authority),
            ["screenshot"] = screenshot,
        }, TimeSpan.FromMinutes(2));

        Assert.Empty(report["blocked"]!.AsArray());
        // No policy violation or failed load; chromium logs the expired page's own 410 as a console error, which is its answer.
        var errors = report["consoleErrors"]!.AsArray().Select(e => e!.GetValue<string>()).Where(e => !e.Contains("status of 410 (Gone)", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "console errors: " + string.Join("; ", errors));

        var active = report["active"]!.AsObject();
        Assert.Equal(200, active["status"]!.GetValue<int>());
        Assert.StartsWith("text/html", active.Text("contentType"), StringComparison.Ordinal);
        Assert.Equal("created", active.Text("state"));
        Assert.Equal("Issuer GmbH", active.Text("payee"));
        Assert.Equal(invoice.Text("document_id"), active.Text("invoiceNumber"));
        Assert.Equal("419.83 EUR", active.Text("amount"));
        Assert.Equal("DE89 3704 0044 0532 0130 00", active.Text("iban"));
        Assert.Equal("COBADEFFXXX", active.Text("bic"));
        Assert.Equal("https://shop.example/thanks", active.Text("returnUrl"));

        // The QR code as chromium drew it, scanned with ZXing: shown large enough for a phone, and the EPC transfer.
        var qr = active["qr"]!.AsObject();
        Assert.True(qr["complete"]!.GetValue<bool>());
        Assert.True(qr["shownWidth"]!.GetValue<double>() >= 200, "the QR code is shown at least 200 px wide");
        var (width, height) = (qr["width"]!.GetValue<int>(), qr["height"]!.GetValue<int>());
        var (payload, level) = QrDecoder.Decode(QrDecoder.FromRgba(Convert.FromBase64String(qr.Text("rgba")!)), width, height);
        Assert.Equal("M", level);
        EpcPayload.Check(payload, "Issuer GmbH", "DE89370400440532013000", "COBADEFFXXX", "EUR419.83", invoice.Text("document_id")!);

        // The PDF link, followed: the invoice's stored PDF, in the payer's language, the current revision.
        var pdf = report["pdf"]!.AsObject();
        Assert.Null(pdf["failure"]);
        Assert.Equal("%PDF-", pdf.Text("start"));
        Assert.StartsWith((await AzuriteEndpoint.BlobEndpointAsync()).AbsoluteUri, pdf.Text("href"), StringComparison.Ordinal);
        Assert.Contains($"/{invoice.Id()}/r2/", pdf.Text("href"), StringComparison.Ordinal);

        var gone = report["expired"]!.AsObject();
        Assert.Equal((410, "expired"), (gone["status"]!.GetValue<int>(), gone.Text("state")));
        Assert.Contains("expired", gone.Text("message"), StringComparison.Ordinal);
        Assert.Equal((null, null, false), (gone.Text("amount"), gone.Text("iban"), gone["hasQr"]!.GetValue<bool>()));
        var done = report["paid"]!.AsObject();
        Assert.Equal((200, "succeeded"), (done["status"]!.GetValue<int>(), done.Text("state")));
        Assert.Contains("has been paid", done.Text("message"), StringComparison.Ordinal);
        Assert.Equal((null, null, false), (done.Text("amount"), done.Text("iban"), done["hasQr"]!.GetValue<bool>()));

        var shot = PngImage.Decode(await File.ReadAllBytesAsync(screenshot));
        Assert.True(shot.Width == 720 && shot.Height >= 600, $"screenshot {shot.Width}×{shot.Height}");
        // The documentation's picture of the page is this screenshot; refresh it on demand.
        if (Environment.GetEnvironmentVariable("RECEIVABLES_UPDATE_DOC_IMAGES") == "1")
            File.Copy(screenshot, RepoFiles.Path("docs", "images", "payment-page.png"), overwrite: true);
        File.Delete(screenshot);
    }

    /// <summary>The API host with the real PDF renderer: the page's link downloads the invoice's PDF from (Azurite's) blob storage.</summary>
    public sealed class BrowserHost() : ApiHost(new Dictionary<string, string?>(), services =>
    {
        services.Remove(services.Single(d => d.ServiceType == typeof(Receivables.Rendering.IReceivablePdfRenderer)));
        services.AddSingleton<Receivables.Rendering.IReceivablePdfRenderer, Receivables.Rendering.ReceivablePdfRenderer>();
    });
}

/// <summary>A test that needs Debian's chromium: skipped, saying so, only where it is not installed (.ci/run installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium)) Skip = $"chromium is not installed at {Chromium} (apt-get install chromium; .ci/run does)";
    }
}
