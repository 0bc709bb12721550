using System.Buffers.Binary;
using System.IO.Compression;

namespace Receivables.Tests.Infrastructure;

/// <summary>
/// A minimal PNG reader for tests (non-interlaced; grey, RGB, palette or RGBA; 1-8 bits): the pixels as 8-bit luminance,
/// so an image a page serves can be handed to a barcode decoder as it is, without an imaging library.
/// </summary>
public sealed record PngImage(int Width, int Height, byte[] Luminance)
{
    public static PngImage Decode(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), "not a PNG");
        int width = 0, height = 0, depth = 0, colour = 0;
        byte[] palette = [];
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    depth = data[8];
                    colour = data[9];
                    Assert.Equal(0, data[12]); // not interlaced
                    break;
                case "PLTE": palette = data.ToArray(); break;
                case "IDAT": idat.Write(data); break;
            }
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();

        var channels = colour switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new NotSupportedException($"colour type {colour}") };
        var bitsPerPixel = channels * depth;
        var stride = (width * bitsPerPixel + 7) / 8;
        var bpp = Math.Max(1, bitsPerPixel / 8);
        var previous = new byte[stride];
        var luminance = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int a = i >= bpp ? line[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new NotSupportedException($"filter {filter}"),
                });
            }
            for (var x = 0; x < width; x++) luminance[y * width + x] = Pixel(line, x, depth, colour, palette);
            previous = line;
        }
        return new PngImage(width, height, luminance);
    }

    private static byte Pixel(byte[] line, int x, int depth, int colour, byte[] palette)
    {
        int Sample(int index)
        {
            if (depth == 8) return line[index];
            var bit = index * depth;
            var value = (line[bit / 8] >> (8 - depth - bit % 8)) & ((1 << depth) - 1);
            return colour == 3 ? value : value * 255 / ((1 << depth) - 1);
        }
        return colour switch
        {
            0 or 4 => (byte)Sample(colour == 4 ? x * 2 : x),
            3 => Grey(palette[Sample(x) * 3], palette[Sample(x) * 3 + 1], palette[Sample(x) * 3 + 2]),
            2 => Grey(line[x * 3], line[x * 3 + 1], line[x * 3 + 2]),
            _ => Grey(line[x * 4], line[x * 4 + 1], line[x * 4 + 2]),
        };
    }

    private static byte Grey(int r, int g, int b) => (byte)((r * 299 + g * 587 + b * 114) / 1000);

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
