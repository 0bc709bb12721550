using System.Reflection;
using PdfSharp.Fonts;

namespace Receivables.Rendering;

/// <summary>
/// The fonts of every PDF: DejaVu Sans, regular and bold, shipped inside this assembly (Rendering/Fonts, with its
/// licence). PDFsharp has no font lookup on Linux, so it asks this resolver for every face; any family name resolves
/// to DejaVu Sans, so a document never fails for want of a font. DejaVu covers Latin, Greek and Cyrillic, so names in
/// those scripts print as they are.
/// </summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>
    /// Makes this resolver PDFsharp's, once per process. PDFsharp keeps one resolver globally and refuses a change once
    /// a font has been used, so concurrent first renders must not race to set it.
    /// </summary>
    public static bool Install()
    {
        if (Volatile.Read(ref installed)) return true;
        lock (Gate)
        {
            if (installed) return true;
            GlobalFontSettings.FontResolver ??= new PdfFonts();
            Volatile.Write(ref installed, true);
            return true;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        // No italic face is shipped: PDFsharp slants the regular one when italic is asked for.
        new(bold ? Bold : Regular, false, italic);

    public byte[] GetFont(string faceName) => Faces.GetOrAdd(faceName, Load);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);

    private static byte[] Load(string faceName)
    {
        var name = $"Receivables.Rendering.Fonts.{faceName}.ttf";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded in the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
