using System.Security.Cryptography;

namespace Receivables.PaymentLinks;

/// <summary>
/// The id in a payment page's URL: the entity (the partition), the invoice and the link, as 48 bytes in base64url
/// (64 characters). So the public page finds both documents with one read in one partition, never a cross-partition
/// query, and needs no pointer document. The link id is the secret: 122 random bits from the system's cryptographic
/// generator; the other two only say where to look, and a page whose link does not name that invoice is unknown.
/// </summary>
public static class PaymentPageId
{
    public const int Length = 64;

    /// <summary>A version-4 UUID whose random bits come from <see cref="RandomNumberGenerator"/>: a link id is a capability.</summary>
    public static Guid NewLinkId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's byte order: the version nibble is in byte 7)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    public static string Encode(Guid entityId, Guid invoiceId, Guid linkId)
    {
        Span<byte> bytes = stackalloc byte[48];
        entityId.TryWriteBytes(bytes[..16]);
        invoiceId.TryWriteBytes(bytes[16..32]);
        linkId.TryWriteBytes(bytes[32..]);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The three ids, or null for anything that is not a page id (the page then answers 404).</summary>
    public static (Guid EntityId, Guid InvoiceId, Guid LinkId)? Decode(string? id)
    {
        if (id is not { Length: Length } || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))) return null;
        var bytes = Convert.FromBase64String(id.Replace('-', '+').Replace('_', '/'));
        return (new Guid(bytes.AsSpan(0, 16)), new Guid(bytes.AsSpan(16, 16)), new Guid(bytes.AsSpan(32, 16)));
    }
}
