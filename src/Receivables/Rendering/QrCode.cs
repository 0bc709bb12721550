using PdfSharp.Drawing;
using QRCoder;

namespace Receivables.Rendering;

/// <summary>
/// A QR code drawn as vector squares (sharp at any zoom or print resolution, no image codec). Error correction level M,
/// which the EPC guideline (EPC069-12) requires for its credit-transfer codes; the payload is encoded as UTF-8 bytes,
/// the character set the EPC payload's third line declares.
/// </summary>
internal static class QrCode
{
    public static void Draw(XGraphics gfx, string payload, double x, double y, double size)
    {
        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
        // The matrix includes the quiet zone of four modules the standard asks for around the code.
        var matrix = data.ModuleMatrix;
        var modules = matrix.Count;
        var module = size / modules;
        gfx.DrawRectangle(XBrushes.White, x, y, size, size);
        for (var row = 0; row < modules; row++)
        {
            var bits = matrix[row];
            var col = 0;
            while (col < modules)
            {
                if (!bits[col]) { col++; continue; }
                // One rectangle per horizontal run of dark modules: fewer drawing operations, smaller file.
                var start = col;
                while (col < modules && bits[col]) col++;
                gfx.DrawRectangle(XBrushes.Black, x + (start * module), y + (row * module), (col - start) * module, module);
            }
        }
    }
}
