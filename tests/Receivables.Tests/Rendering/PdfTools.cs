using System.Diagnostics;

namespace Receivables.Tests.Rendering;

/// <summary>
/// Poppler's command-line tools (Debian poppler-utils, installed by .ci/run): the text of a PDF as a reader sees it
/// (<c>pdftotext -layout</c>) and a page as pixels (<c>pdftoppm</c>).
/// </summary>
public static class PdfTools
{
    /// <summary>The text of each page, in reading layout (columns kept on their lines).</summary>
    public static string[] Pages(byte[] pdf)
    {
        var text = Run("pdftotext", pdf, "-layout -enc UTF-8 {in} -", out _);
        // pdftotext ends every page with a form feed.
        return text.Split('\f')[..^1];
    }

    public static string Text(byte[] pdf) => string.Join('\n', Pages(pdf));

    /// <summary>Page <paramref name="page"/> as an 8-bit grey image at <paramref name="dpi"/>: (width, height, pixels).</summary>
    public static (int Width, int Height, byte[] Pixels) GreyPage(byte[] pdf, int page, int dpi)
    {
        Run("pdftoppm", pdf, $"-gray -r {dpi} -f {page} -l {page} {{in}} {{out}}", out var prefix);
        var file = Directory.GetFiles(Path.GetDirectoryName(prefix)!, Path.GetFileName(prefix) + "*.pgm").Single();
        try { return Pgm.Parse(File.ReadAllBytes(file)); }
        finally { File.Delete(file); }
    }

    /// <summary>Page 1 as PNG at <paramref name="dpi"/> into <paramref name="target"/> (the images in docs/).</summary>
    public static void PngPage1(byte[] pdf, int dpi, string target)
    {
        Run("pdftoppm", pdf, $"-png -r {dpi} -f 1 -l 1 -singlefile {{in}} {{out}}", out var prefix);
        File.Move(prefix + ".png", target, overwrite: true);
    }

    private static string Run(string tool, byte[] pdf, string arguments, out string outPrefix)
    {
        var input = Path.Combine(Path.GetTempPath(), $"receivables-pdf-{Guid.NewGuid():N}.pdf");
        outPrefix = Path.Combine(Path.GetTempPath(), $"receivables-page-{Guid.NewGuid():N}");
        File.WriteAllBytes(input, pdf);
        try
        {
            var start = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            foreach (var argument in arguments.Split(' '))
                start.ArgumentList.Add(argument.Replace("{in}", input, StringComparison.Ordinal).Replace("{out}", outPrefix, StringComparison.Ordinal));
            Process process;
            try { process = Process.Start(start)!; }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException($"{tool} is not installed: apt-get install poppler-utils (.ci/run does)", e);
            }
            using (process)
            {
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {stderr.Result}");
                return stdout;
            }
        }
        finally { File.Delete(input); }
    }
}

/// <summary>Binary PGM (P5, 8-bit), what <c>pdftoppm -gray</c> writes.</summary>
public static class Pgm
{
    public static (int Width, int Height, byte[] Pixels) Parse(byte[] file)
    {
        var position = 0;
        string Token()
        {
            while (true)
            {
                while (char.IsWhiteSpace((char)file[position])) position++;
                if (file[position] != '#') break;
                while (file[position] != '\n') position++;
            }
            var start = position;
            while (!char.IsWhiteSpace((char)file[position])) position++;
            return System.Text.Encoding.ASCII.GetString(file, start, position - start);
        }
        Assert.Equal("P5", Token());
        var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("255", Token());
        position++; // the single whitespace before the raster
        return (width, height, file.AsSpan(position, width * height).ToArray());
    }
}
