using PdfSharp.Drawing;

namespace Receivables.Rendering;

/// <summary>
/// The big diagonal "DRAFT" / "ENTWURF" across a preview's pages, drawn in strokes of a small built-in letter set
/// rather than as text: the word is plain to see, while text extraction (search, copy, screen readers) reads only
/// the notice at the top of the page instead of stray diagonal letters among the rows. PDFsharp's core build cannot
/// turn a font's glyphs into outlines, hence the strokes.
/// </summary>
internal static class DraftWatermark
{
    private const double Height = 92;
    private const double Gap = 0.28;

    // Each letter: polylines in a box of its width (first number) × 1, y downwards.
    private static readonly Dictionary<char, (double Width, double[][] Lines)> Letters = new()
    {
        ['A'] = (0.62, [[0, 1, 0.31, 0, 0.62, 1], [0.13, 0.62, 0.49, 0.62]]),
        ['D'] = (0.62, [[0, 0, 0.3, 0, 0.5, 0.12, 0.62, 0.5, 0.5, 0.88, 0.3, 1, 0, 1, 0, 0]]),
        ['E'] = (0.55, [[0.55, 0, 0, 0, 0, 1, 0.55, 1], [0, 0.5, 0.42, 0.5]]),
        ['F'] = (0.55, [[0.55, 0, 0, 0, 0, 1], [0, 0.5, 0.42, 0.5]]),
        ['N'] = (0.62, [[0, 1, 0, 0, 0.62, 1, 0.62, 0]]),
        ['R'] = (0.6, [[0, 1, 0, 0, 0.38, 0, 0.54, 0.08, 0.6, 0.25, 0.54, 0.42, 0.38, 0.5, 0, 0.5], [0.3, 0.5, 0.6, 1]]),
        ['T'] = (0.62, [[0, 0, 0.62, 0], [0.31, 0, 0.31, 1]]),
        ['U'] = (0.62, [[0, 0, 0, 0.72, 0.1, 0.93, 0.31, 1, 0.52, 0.93, 0.62, 0.72, 0.62, 0]]),
        ['W'] = (0.86, [[0, 0, 0.2, 1, 0.43, 0.3, 0.66, 1, 0.86, 0]]),
    };

    /// <summary>Whether every letter of <paramref name="word"/> can be drawn.</summary>
    public static bool CanDraw(string word) => word.All(c => c == ' ' || Letters.ContainsKey(char.ToUpperInvariant(c)));

    public static void Draw(XGraphics page, string word, double pageWidth, double pageHeight)
    {
        var letters = word.ToUpperInvariant();
        var width = letters.Sum(c => (Letters.TryGetValue(c, out var l) ? l.Width : 0.5) + Gap) - Gap;
        var pen = new XPen(XColor.FromArgb(55, 200, 0, 0), 10) { LineCap = XLineCap.Round, LineJoin = XLineJoin.Round };
        var state = page.Save();
        page.RotateAtTransform(-50, new XPoint(pageWidth / 2, pageHeight / 2));
        var x = (pageWidth / 2) - (width * Height / 2);
        var top = (pageHeight / 2) - (Height / 2);
        foreach (var c in letters)
        {
            if (Letters.TryGetValue(c, out var letter))
            {
                foreach (var line in letter.Lines)
                {
                    var points = new XPoint[line.Length / 2];
                    for (var i = 0; i < points.Length; i++) points[i] = new XPoint(x + (line[2 * i] * Height), top + (line[(2 * i) + 1] * Height));
                    page.DrawLines(pen, points);
                }
                x += (letter.Width + Gap) * Height;
            }
            else x += (0.5 + Gap) * Height;
        }
        page.Restore(state);
    }
}
