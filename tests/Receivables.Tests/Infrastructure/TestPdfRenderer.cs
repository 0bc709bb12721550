using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Receivables.Documents;
using Receivables.Pdfs;
using Receivables.Rendering;

namespace Receivables.Tests.Infrastructure;

/// <summary>
/// The tests' renderer, at the renderer seam (the real one is issue 11's rendering work): a small valid one-page PDF
/// whose text names the document id, the language, the revision and whether it is a preview, so storage tests can tell
/// files apart with pdftotext or by their bytes. Counts its renderings per document.
/// </summary>
public sealed class TestPdfRenderer : IReceivablePdfRenderer
{
    private readonly ConcurrentDictionary<string, int> renders = new();

    /// <summary>Fails every rendering while set (a renderer bug or a document it cannot print).</summary>
    public bool Failing { get => Volatile.Read(ref failing); set => Volatile.Write(ref failing, value); }

    private bool failing;

    public int RendersOf(string receivableId) => renders.GetValueOrDefault(receivableId);

    public byte[] Render(Receivable document, PdfOptions options)
    {
        if (Failing) throw new InvalidOperationException("test renderer set to fail");
        renders.AddOrUpdate(document.Id, 1, (_, n) => n + 1);
        return Pdf(TextOf(document, options));
    }

    /// <summary>The one line of text of a rendering.</summary>
    public static string TextOf(Receivable document, PdfOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"{(options.Preview ? "PREVIEW " : "")}{document.DocumentId ?? "draft"} {document.Id} lang={options.Language} rev={ReceivablePdfs.RevisionOf(document)} qr={options.QrPayload?.Split('\n')[0] ?? "none"}");

    /// <summary>A minimal PDF 1.4 with one line of Helvetica text, with a correct cross-reference table.</summary>
    public static byte[] Pdf(string text)
    {
        var escaped = text.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");
        var content = $"BT /F1 10 Tf 36 800 Td ({escaped}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(content)} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
