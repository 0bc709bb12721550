using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Receivables.Api;
using Receivables.Documents;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;

namespace Receivables.Tests.Rendering;

/// <summary>
/// The documents the rendering tests print, made the way a user makes them: created and issued (accepted, credited)
/// through the API in the Kestrel host, then read back from the store exactly as the renderer will get them. Built
/// once per host and shared by the rendering test classes (they only read them).
/// </summary>
public sealed record RenderingScenarios(
    DocumentWorld World, Invoice TenLines, CreditNote CreditNote, Quote AcceptedQuote, Invoice SixtyLines,
    Invoice YenDraft, Invoice DinarDraft)
{
    private static readonly ConditionalWeakTable<ApiHost, Task<RenderingScenarios>> Built = new();

    public static Task<RenderingScenarios> OfAsync(ApiHost api) => Built.GetValue(api, BuildAsync);

    public const string Memo = "Thank you for your order. Questions? Call +49 30 1234567.";
    public const string Footer = "Issuer GmbH · Managing director Erika Mustermann · Amtsgericht Berlin HRB 12345";
    public const string Signer = "Mary Major";
    public const string SignerEmail = "mary@buyer.example";

    /// <summary>The names of the 10-line invoice's lines, in order: 6 at 19 % VAT, 4 at 7 %.</summary>
    public static readonly string[] TenLineNames =
    [
        "Consulting", "Workshop preparation", "Travel expenses", "Software licence (annual)", "Printed handbooks",
        "Training materials", "Books", "Support hours", "Hosting (month)", "Catering",
    ];

    private static async Task<RenderingScenarios> BuildAsync(ApiHost api)
    {
        var w = await DocumentWorld.CreateAsync(api);
        var vat19 = DocumentWorld.Vat19;
        var vat7 = DocumentWorld.Vat7;
        object[] lines =
        [
            w.CatalogLine(8),
            DocumentWorld.InlineLine(TenLineNames[1], 45000, 1, vat19, new { type = "percentage", amount = 1000 }),
            DocumentWorld.InlineLine(TenLineNames[2], 23050, 1, vat19),
            DocumentWorld.InlineLine(TenLineNames[3], 99900, 2, vat19, new { type = "amount", amount = 5000 }),
            DocumentWorld.InlineLine(TenLineNames[4], 1250, 40, vat7),
            DocumentWorld.InlineLine(TenLineNames[5], 3990, 12, vat7, new { type = "percentage", amount = 250 }),
            DocumentWorld.InlineLine(TenLineNames[6], 2495, 3, vat7),
            DocumentWorld.InlineLine(TenLineNames[7], 9500, 1.5m, vat19),
            DocumentWorld.InlineLine(TenLineNames[8], 4900, 3, vat19),
            DocumentWorld.InlineLine(TenLineNames[9], 1890, 25, vat7),
        ];
        var body = DocumentWorld.Node(w.Invoice(lines));
        body["discount"] = new JsonObject { ["type"] = "percentage", ["amount"] = 500 };
        body["fulfillment_date"] = "2026-11-15";
        body["purchase_order"] = "PO-4711";
        body["memo"] = Memo;
        body["footer"] = Footer;
        body["withholding_tax_rate"] = 100;
        body["deductions"] = new JsonArray(new JsonObject { ["amount"] = 2500, ["name"] = "Loyalty bonus" });
        var tenLines = (Invoice)await IssueAsync(w, await w.CreateIdAsync(body));

        // A credit note of a second, simpler invoice (3 h of consulting): crediting the 10-line invoice in full is refused,
        // its deduction leaves less due than its total.
        var credited = await w.IssuedInvoiceAsync();
        var note = await w.CreateIdAsync(new { type = "credit_note", based_on = credited.Id() });
        var creditNote = (CreditNote)await IssueAsync(w, note);

        var quoteBody = DocumentWorld.Node(w.Quote());
        quoteBody["signature_required"] = true;
        quoteBody["document_rendering"] = new JsonObject { ["quote"] = new JsonObject { ["display_signature"] = true } };
        var quote = await IssueAsync(w, await w.CreateIdAsync(quoteBody));
        var (accepted, acceptBody, _) = await w.ActAsync(quote.Id, "accept", new
        {
            signature = new
            {
                email = SignerEmail, full_name = Signer,
                signature_image = Convert.ToBase64String(SignaturePng()),
            },
        });
        Assert.True(accepted == HttpStatusCode.OK, acceptBody.ToJsonString());

        var sixty = Enumerable.Range(1, 60).Select(i => DocumentWorld.InlineLine($"Service item {i:00}", 1000 + i, i % 4 + 1, i % 2 == 0 ? vat19 : vat7)).ToArray();
        var sixtyLines = (Invoice)await IssueAsync(w, await w.CreateIdAsync(w.Invoice(sixty)));

        var yen = DocumentWorld.Node(w.Invoice(DocumentWorld.InlineLine("Consulting (JPY)", 150000, 3, vat19, currency: "JPY"),
            DocumentWorld.InlineLine("Travel (JPY)", 12345, 1, vat7, currency: "JPY")));
        yen["currency"] = "JPY";
        yen.Remove("entity_bank_account_id");
        var dinar = DocumentWorld.Node(w.Invoice(DocumentWorld.InlineLine("Consulting (KWD)", 1234567, 2, vat19, currency: "KWD")));
        dinar["currency"] = "KWD";
        dinar.Remove("entity_bank_account_id");

        return new RenderingScenarios(w, tenLines, creditNote, (Quote)await StoredAsync(w, quote.Id), sixtyLines,
            (Invoice)await StoredAsync(w, await w.CreateIdAsync(yen)), (Invoice)await StoredAsync(w, await w.CreateIdAsync(dinar)));
    }

    private static async Task<Receivable> IssueAsync(DocumentWorld w, string id)
    {
        var (status, body, _) = await w.ActAsync(id, "issue");
        Assert.True(status == HttpStatusCode.OK, $"issue: {status} {body.ToJsonString()}");
        return await StoredAsync(w, id);
    }

    /// <summary>The document as stored (storage-only fields included: a quote's signature), as the renderer reads it.</summary>
    public static async Task<Receivable> StoredAsync(DocumentWorld w, string id)
    {
        var container = await w.Api.StoreContainerAsync();
        var item = await container.ReadItemAsync<JsonElement>(id, new PartitionKey(w.Entity.ToString()));
        return item.Resource.Deserialize<Receivable>(ApiJson.Storage)!;
    }

    /// <summary>A private copy of a shared scenario document, to change a field for one test.</summary>
    public static T Copy<T>(T document) where T : Receivable =>
        (T)JsonSerializer.Deserialize<Receivable>(JsonSerializer.Serialize<Receivable>(document, ApiJson.Storage), ApiJson.Storage)!;

    /// <summary>A small real PNG (a 60 × 20 stroke), made here so the test does not depend on an image file.</summary>
    public static byte[] SignaturePng()
    {
        const int width = 60, height = 20;
        var raw = new byte[height * (width + 1)];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                raw[(y * (width + 1)) + 1 + x] = (byte)(Math.Abs(y - 10 - (int)(6 * Math.Sin(x / 6.0))) < 2 ? 0 : 255);
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, width, 0, 0, 0, height, 8, 0, 0, 0, 0]); // 8-bit greyscale
        using (var compressed = new MemoryStream())
        {
            using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    // PNG's CRC-32 (ISO 3309), bit by bit: a few hundred bytes, no table needed.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        png.Write(length);
    }
}
