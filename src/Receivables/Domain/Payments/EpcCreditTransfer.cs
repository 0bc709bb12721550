using System.Globalization;
using System.Text;

namespace Receivables.Domain.Payments;

/// <summary>
/// The payload of an EPC QR code ("GiroCode"): the European Payments Council's guideline EPC069-12 for initiating a
/// SEPA credit transfer by scanning. Eleven or twelve lines joined by LF, UTF-8 (character set 1), version 002 (the
/// BIC is optional inside the EEA), at most 331 bytes. Banking apps read it to pre-fill a transfer, so the invoice
/// number goes into the unstructured remittance line that the payee sees on their statement.
/// </summary>
public static class EpcCreditTransfer
{
    public const int MaxPayloadBytes = 331;
    public const int MaxNameLength = 70;
    public const int MaxRemittanceTextLength = 140;

    /// <summary>The largest amount the standard allows: EUR 999,999,999.99.</summary>
    public const long MaxAmountCents = 99_999_999_999;

    /// <summary>
    /// The payload for paying <paramref name="amountCents"/> euro cents to <paramref name="iban"/>, or null when the
    /// standard cannot express the transfer: a currency other than EUR, an amount outside 0.01 to 999,999,999.99, or
    /// no IBAN or name. Names and texts longer than the standard allows are cut, never refused: the code is a
    /// convenience printed beside the full bank details.
    /// </summary>
    public static string? Payload(string? beneficiaryName, string? iban, string? bic, string currency, long amountCents, string? remittanceText)
    {
        if (currency != "EUR" || amountCents < 1 || amountCents > MaxAmountCents) return null;
        var name = Clean(beneficiaryName, MaxNameLength);
        var account = iban is null ? "" : new string(iban.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (name.Length == 0 || account.Length is < 15 or > 34) return null;
        var bicLine = bic is null ? "" : bic.Trim().ToUpperInvariant();
        if (bicLine.Length is not (0 or 8 or 11)) bicLine = "";

        string[] lines =
        [
            "BCD",                // service tag
            "002",                // version
            "1",                  // character set: UTF-8
            "SCT",                // identification: SEPA credit transfer
            bicLine,
            name,
            account,
            "EUR" + (amountCents / 100).ToString(CultureInfo.InvariantCulture) + "." + (amountCents % 100).ToString("00", CultureInfo.InvariantCulture),
            "",                   // purpose code
            "",                   // structured creditor reference (RF): we use the unstructured line instead
            Clean(remittanceText, MaxRemittanceTextLength),
        ];
        var payload = string.Join('\n', lines).TrimEnd('\n');
        // Names and remittance texts of multi-byte characters can pass 331 bytes within their character limits.
        while (Encoding.UTF8.GetByteCount(payload) > MaxPayloadBytes && lines[10].Length > 0)
        {
            lines[10] = Cut(lines[10], lines[10].Length - 1);
            payload = string.Join('\n', lines).TrimEnd('\n');
        }
        return Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes ? payload : null;
    }

    // One line of text: control characters (line breaks included, which would shift every later field) become spaces.
    private static string Clean(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length <= maxLength ? clean : Cut(clean, maxLength).TrimEnd();
    }

    // Never splits a surrogate pair.
    private static string Cut(string text, int length) =>
        length > 0 && char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
}
