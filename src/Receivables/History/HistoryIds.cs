using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Receivables.History;

/// <summary>
/// Ids of history records: UUID version 7 with a monotonic counter in place of the random bits (RFC 9562, 6.2
/// method 2), so that ids made later in a process sort after earlier ones. The history list orders events by
/// (timestamp, id), and one change writes several events with the same timestamp (a credit note is created and
/// issued in one batch): their ids keep them in the order they happened.
/// </summary>
internal static class HistoryIds
{
    // Starts at a random point so that ids of different processes do not collide; only order within a process matters.
    private static long counter = BinaryPrimitives.ReadInt64BigEndian(RandomNumberGenerator.GetBytes(8)) & 0x0000_FFFF_FFFF_FFFF;

    public static Guid Next(DateTimeOffset at)
    {
        var sequence = (ulong)Interlocked.Increment(ref counter);
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(ms >> (8 * (5 - i)));
        // 12 bits after the version and 62 after the variant: a 64-bit counter fits, most significant bits first.
        bytes[6] = (byte)(0x70 | (byte)((sequence >> 60) & 0x0F));
        bytes[7] = (byte)(sequence >> 52);
        bytes[8] = (byte)(0x80 | (byte)((sequence >> 46) & 0x3F));
        for (var i = 9; i < 16; i++) bytes[i] = (byte)(sequence >> (8 * (15 - i)));
        return new Guid(bytes, bigEndian: true);
    }
}
