using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;
using static Receivables.Tests.Lifecycle.LifecycleSteps;

namespace Receivables.Tests.PaymentLinks;

/// <summary>
/// The hosted payment page over HTTP, opened as a browser opens it (no token, no API headers): what it shows, the
/// headers that keep it to itself, its EPC QR code decoded with ZXing and checked against EPC069-12, and the states of
/// an expired link, a paid invoice and an unknown page, none of which shows an amount or bank details.
/// </summary>
[Collection(ApiTests.Name)]
public sealed partial class PaymentPageTests(ApiHost api)
{
    [Fact]
    public async Task the_page_shows_payee_invoice_amount_due_date_bank_details_and_return_link_under_a_strict_policy()
    {
        var w = await DocumentWorld.CreateAsync(api, "Müller & <Söhne> GmbH");
        var invoice = await w.IssuedInvoiceAsync();
        var link = await w.LinkAsync(invoice.Id(), b => b["return_url"] = "https://shop.example/back?a=1&b=2");

        var (status, html, response) = await api.OpenPageAsync(link.Text("payment_page_url")!);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
            PageHeaders(response);
        }
        // Escaped, never markup: the entity's name is the client's text.
        Assert.Contains("Müller &amp; &lt;Söhne&gt; GmbH", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Söhne>", html, StringComparison.Ordinal);
        Assert.Equal(invoice.Text("document_id"), Element(html, "invoice-number"));
        Assert.Equal("419.83 EUR", Element(html, "amount"));
        Assert.Equal(DateOnly.Parse(invoice.Text("due_date")!, System.Globalization.CultureInfo.InvariantCulture).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), Element(html, "due-date"));
        Assert.Equal("DE89 3704 0044 0532 0130 00", Element(html, "iban"));
        Assert.Equal("COBADEFFXXX", Element(html, "bic"));
        Assert.Equal("Müller &amp; &lt;Söhne&gt; GmbH", Element(html, "account-holder"));
        Assert.Contains("href=\"https://shop.example/back?a=1&amp;b=2\"", html, StringComparison.Ordinal);
        // The invoice's PDF in the payer's language: the revision the link made (its QR code opens this page), signed.
        Assert.Matches($"id=\"pdf\" href=\"http://127\\.0\\.0\\.1:\\d+/devstoreaccount1/{api.PdfContainer}/{w.Entity}/{invoice.Id()}/r2/de\\.pdf\\?[^\"]*sig=", html);
        // Nothing is loaded from anywhere: no script, no external source.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // (The PDF's link is one to follow, not a source the page loads.)
        Assert.DoesNotMatch(SourceAttribute(), Regex.Replace(html, "id=\"pdf\" href=\"[^\"]*\"", "id=\"pdf\""));
    }

    [Fact]
    public async Task the_qr_code_decodes_to_an_epc069_12_credit_transfer_of_the_amount_to_pay()
    {
        var w = await DocumentWorld.CreateAsync(api, "Müller & <Söhne> GmbH");
        var invoice = await w.IssuedInvoiceAsync();
        var link = await w.LinkAsync(invoice.Id(), b => b["amount"] = 12345);
        var (_, html, response) = await api.OpenPageAsync(link.Text("payment_page_url")!);
        response.Dispose();

        var png = Convert.FromBase64String(QrImage().Match(html).Groups[1].Value);
        var image = PngImage.Decode(png);
        var (payload, level) = QrDecoder.Decode(image.Luminance, image.Width, image.Height);

        Assert.Equal("M", level);
        EpcPayload.Check(payload, "Müller & <Söhne> GmbH", "DE89370400440532013000", "COBADEFFXXX", "EUR123.45", invoice.Text("document_id")!);
    }

    [Fact]
    public async Task an_expired_link_a_paid_invoice_and_an_unknown_page_each_say_so_and_show_no_amount_or_bank_details()
    {
        var w = await DocumentWorld.CreateAsync(api);
        var expiredId = (await w.IssuedInvoiceAsync()).Id();
        var expired = await w.LinkAsync(expiredId);
        await w.ExpireLinkAsync(expired.Id());
        var (status, html, response) = await api.OpenPageAsync(expired.Text("payment_page_url")!);
        using (response) PageHeaders(response);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal("expired", State(html));
        NothingToPay(html);

        var timedId = (await w.IssuedInvoiceAsync()).Id();
        var timed = await w.LinkAsync(timedId);
        await w.SetLinkExpiryAsync(timed.Id(), DateTimeOffset.UtcNow.AddSeconds(-1));
        (status, html, response) = await api.OpenPageAsync(timed.Text("payment_page_url")!);
        response.Dispose();
        Assert.Equal((HttpStatusCode.Gone, "expired"), (status, State(html)));

        var paidId = (await w.IssuedInvoiceAsync()).Id();
        var paid = await w.LinkAsync(paidId, b => b["return_url"] = "https://shop.example/done");
        await w.PaidAsync(paidId, ThreeUnits);
        (status, html, response) = await api.OpenPageAsync(paid.Text("payment_page_url")!);
        response.Dispose();
        Assert.Equal((HttpStatusCode.OK, "succeeded"), (status, State(html)));
        Assert.Contains("has been paid", html, StringComparison.Ordinal);
        Assert.Contains("https://shop.example/done", html, StringComparison.Ordinal);
        NothingToPay(html);

        // Unknown: a well-formed id naming nothing, a real link's id under another invoice, a real invoice with an invented
        // link, junk; all the same 404 page, which names nothing of the entity.
        var real = paid.Text("payment_page_url")!.Split('/')[^1];
        var ids = Receivables.PaymentLinks.PaymentPageId.Decode(real)!.Value;
        string[] unknown =
        [
            Receivables.PaymentLinks.PaymentPageId.Encode(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()),
            Receivables.PaymentLinks.PaymentPageId.Encode(ids.EntityId, Guid.Parse(expiredId), ids.LinkId),
            Receivables.PaymentLinks.PaymentPageId.Encode(ids.EntityId, ids.InvoiceId, Guid.NewGuid()),
            "not-a-page", real[..63] + "!", new string('A', 64),
        ];
        foreach (var id in unknown)
        {
            using var answer = await api.Http.GetAsync($"/v1/payment_pages/{Uri.EscapeDataString(id)}");
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{id}: {answer.StatusCode}");
            PageHeaders(answer);
            Assert.Equal("not_found", State(text));
            Assert.DoesNotContain("Issuer GmbH", text, StringComparison.Ordinal);
            NothingToPay(text);
        }
    }

    /// <summary>The headers every page carries: no external source, no framing, no referrer, no sniffing, no caching.</summary>
    internal static void PageHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("img-src data:", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unsafe", csp, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    private static void NothingToPay(string html)
    {
        Assert.DoesNotContain("id=\"amount\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("DE89", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"epc-qr\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("EUR", html, StringComparison.Ordinal);
    }

    private static string State(string html) => StateAttribute().Match(html).Groups[1].Value;

    private static string Element(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no element #{id}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("id=\"epc-qr\"[^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex QrImage();

    [GeneratedRegex("data-status=\"([a-z_]+)\"")]
    private static partial Regex StateAttribute();

    [GeneratedRegex("(src|href)=\"(https?:)?//(?!shop\\.example)", RegexOptions.IgnoreCase)]
    private static partial Regex SourceAttribute();
}

/// <summary>An EPC QR payload (EPC069-12, version 002) checked field by field, in the standard's order.</summary>
public static class EpcPayload
{
    public static void Check(string payload, string name, string iban, string bic, string amount, string reference)
    {
        Assert.True(Encoding.UTF8.GetByteCount(payload) <= 331, "an EPC payload is at most 331 bytes");
        Assert.DoesNotContain('\r', payload);
        var lines = payload.Split('\n');
        Assert.Equal("BCD", lines[0]);            // service tag
        Assert.Equal("002", lines[1]);            // version
        Assert.Equal("1", lines[2]);              // character set: UTF-8
        Assert.Equal("SCT", lines[3]);            // SEPA credit transfer
        Assert.Equal(bic, lines[4]);
        Assert.Equal(name, lines[5]);             // beneficiary name, at most 70 characters
        Assert.True(lines[5].Length <= 70);
        Assert.Equal(iban, lines[6]);
        Assert.Equal(amount, lines[7]);           // EUR, a point, two decimals, no thousands separators
        Assert.Matches(@"^EUR(0|[1-9]\d{0,8})\.\d{2}$", lines[7]);
        Assert.Equal("", lines[8]);               // purpose
        Assert.Equal("", lines[9]);               // structured reference: none, the unstructured one is used
        Assert.Equal(reference, lines[10]);       // unstructured remittance information, at most 140 characters
        Assert.True(lines.Length is 11 or 12);
    }
}
