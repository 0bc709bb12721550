using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Receivables.Rendering;

/// <summary>
/// A4 pages written top to bottom: a cursor (<see cref="Y"/>), page breaks when the next block does not fit (with a
/// hook that repeats a table's header), and what every page carries, drawn once the page count is known: the page
/// number "n / N", the document's title and number on continuation pages, the footer, and for previews the watermark.
/// </summary>
internal sealed class PdfCanvas : IDisposable
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Left = 48;
    public const double Right = PageWidth - 48;
    public const double Width = Right - Left;
    private const double Top = 56;
    private const double FooterLineHeight = 9;

    // First in the class: the fonts below are resolved when they are made, so the resolver must be in place before.
    private static readonly bool FontsInstalled = PdfFonts.Install();

    public static readonly XFont Title = new(PdfFonts.Family, 18, XFontStyleEx.Bold);
    public static readonly XFont Regular = new(PdfFonts.Family, 8.5);
    public static readonly XFont Bold = new(PdfFonts.Family, 8.5, XFontStyleEx.Bold);
    public static readonly XFont Cell = new(PdfFonts.Family, 7.5);
    public static readonly XFont Small = new(PdfFonts.Family, 7);
    public static readonly XFont SmallBold = new(PdfFonts.Family, 7, XFontStyleEx.Bold);
    public static readonly XBrush Ink = XBrushes.Black;
    public static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(90, 90, 90));
    public static readonly XPen Rule = new(XColor.FromArgb(170, 170, 170), 0.5);

    private readonly PdfDocument pdf;
    private readonly List<string> footer;
    private readonly double bottom;
    private XGraphics gfx;

    /// <summary>Runs after every page break (a table repeats its header there).</summary>
    public Action? OnNewPage { get; set; }

    public double Y { get; set; }

    public XGraphics Graphics => gfx;

    /// <param name="footer">The document's footer, printed at the foot of every page (wrapped to the page width).</param>
    public PdfCanvas(PdfDocument pdf, string? footer)
    {
        this.pdf = pdf;
        gfx = AddPage();
        this.footer = string.IsNullOrWhiteSpace(footer) ? [] : Wrap(footer, Small, Width);
        // The page number line and the footer lines sit below the writing area.
        bottom = PageHeight - 40 - (this.footer.Count * FooterLineHeight) - 8;
        Y = Top;
    }

    public int PageCount => pdf.PageCount;

    /// <summary>Starts a new page when <paramref name="height"/> does not fit below the cursor; true when it did.</summary>
    public bool EnsureSpace(double height)
    {
        if (Y + height <= bottom) return false;
        gfx.Dispose();
        gfx = AddPage();
        Y = Top;
        OnNewPage?.Invoke();
        return true;
    }

    public void Gap(double height) => Y += height;

    public void Text(string text, XFont font, double x, double y, XBrush? brush = null) =>
        gfx.DrawString(text, font, brush ?? Ink, x, y, XStringFormats.BaseLineLeft);

    public void TextRight(string text, XFont font, double right, double y, XBrush? brush = null) =>
        gfx.DrawString(text, font, brush ?? Ink, right, y, XStringFormats.BaseLineRight);

    public void Line(double y) => gfx.DrawLine(Rule, Left, y, Right, y);

    public double Measure(string text, XFont font) => gfx.MeasureString(text, font).Width;

    /// <summary>Lines of at most <paramref name="width"/> points, broken at spaces (a word too long for a line is cut).</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, font) <= width) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (line.Length > 1 && Measure(line, font) > width)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Measure(line[..cut], font) > width) cut--;
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>
    /// Draws what every page carries, now that the page count is known: "n / N", the title line on pages after the
    /// first, the footer and, for a preview, the watermark with a plain-text notice at the top.
    /// </summary>
    public void Finish(string pageTitle, string? watermark, string? draftNotice)
    {
        gfx.Dispose();
        var count = pdf.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var page = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
            var number = $"{i + 1} / {count}";
            page.DrawString(number, Regular, Muted, PageWidth / 2, PageHeight - 28, XStringFormats.BaseLineCenter);
            var y = PageHeight - 40 - (footer.Count * FooterLineHeight) + FooterLineHeight;
            foreach (var line in footer)
            {
                page.DrawString(line, Small, Muted, Left, y, XStringFormats.BaseLineLeft);
                y += FooterLineHeight;
            }
            if (i > 0) page.DrawString(pageTitle, Small, Muted, Left, 36, XStringFormats.BaseLineLeft);
            if (watermark is not null)
            {
                page.DrawString(draftNotice ?? watermark, SmallBold, XBrushes.DarkRed, Right, 36, XStringFormats.BaseLineRight);
                DraftWatermark.Draw(page, watermark, PageWidth, PageHeight);
            }
        }
    }

    private XGraphics AddPage()
    {
        var page = pdf.AddPage();
        page.Size = PageSize.A4;
        return XGraphics.FromPdfPage(page);
    }

    public void Dispose() => gfx.Dispose();
}
