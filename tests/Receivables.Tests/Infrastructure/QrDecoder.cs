using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Receivables.Tests.Infrastructure;

/// <summary>Reads a QR code from 8-bit luminance pixels with ZXing, as a banking app's scanner would; the text and the error correction level.</summary>
public static class QrDecoder
{
    public static (string Text, string? ErrorCorrection) Decode(byte[] luminance, int width, int height)
    {
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height, RGBLuminanceSource.BitmapFormat.Gray8)));
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.CHARACTER_SET] = "UTF-8", [DecodeHintType.TRY_HARDER] = true };
        var result = new QRCodeReader().decode(bitmap, hints) ?? throw new Xunit.Sdk.XunitException("no QR code found in the image");
        var level = result.ResultMetadata.TryGetValue(ResultMetadataType.ERROR_CORRECTION_LEVEL, out var l) ? l?.ToString() : null;
        return (result.Text, level);
    }

    /// <summary>RGBA pixels (a canvas's ImageData) as luminance.</summary>
    public static byte[] FromRgba(byte[] rgba) =>
        Enumerable.Range(0, rgba.Length / 4).Select(i => (byte)((rgba[i * 4] * 299 + rgba[i * 4 + 1] * 587 + rgba[i * 4 + 2] * 114) / 1000)).ToArray();
}
