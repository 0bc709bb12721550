using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Receivables.Api;

namespace Receivables.Documents;

/// <summary>
/// A stored receivable's API answer made from its stored JSON, without building the document. The stored JSON is the
/// API's JSON (one serializer, the same names and converters) plus storage-only fields and Cosmos DB's system
/// properties, so a read is answered by leaving those out and filling in what is computed at read time
/// (<c>amount_to_pay</c> of an issued invoice, spec 5.8). Reading a 10-line invoice into objects and writing it back
/// cost the API more CPU than the store's own point read (issue 10, item 12); copying its fields costs a fraction.
/// </summary>
public static class ReceivableJson
{
    // The names the API writes for each type, each with its index: a document must have every one of them.
    private static readonly Dictionary<string, Dictionary<string, int>> ApiNames = new()
    {
        ["invoice"] = NamesOf(typeof(Invoice)),
        ["quote"] = NamesOf(typeof(Quote)),
        ["credit_note"] = NamesOf(typeof(CreditNote)),
    };

    private static Dictionary<string, int> NamesOf(Type type) =>
        ApiJson.Options.GetTypeInfo(type).Properties
            .Where(p => p.Get is not null && p.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), true) is not [JsonIgnoreAttribute { Condition: JsonIgnoreCondition.Always }])
            .Select((p, i) => (p.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

    private const int MaxFields = 256;

    /// <summary>
    /// The API's JSON for the stored document <paramref name="stored"/> as of <paramref name="today"/>, or null when the
    /// document is not of the current shape (a field the API writes is missing, say, written by an older version, or a
    /// name is escaped): the caller then reads it into objects, which fills in defaults.
    /// </summary>
    public static ReadOnlyMemory<byte>? TryProject(ReadOnlySpan<byte> stored, DateOnly today)
    {
        var fields = ArrayPool<Range>.Shared.Rent(MaxFields * 2);
        try
        {
            var count = Fields(stored, fields);
            if (count < 0) return null;
            string? type = null;
            for (var i = 0; i < count && type is null; i++)
                if (stored[fields[2 * i]].SequenceEqual("type"u8)) type = StringValue(stored[fields[2 * i + 1]]);
            if (type is null || !ApiNames.TryGetValue(type, out var names)) return null;
            var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();

            Span<bool> seen = stackalloc bool[names.Count];
            Span<char> name = stackalloc char[64];
            var kept = 0;
            long? amountToPay = type == "invoice" ? AmountToPay(stored, fields, count, today) : null;

            // The answer is never longer than the stored JSON but for a computed number's digits: one array, no writer.
            var output = new byte[stored.Length + 32];
            var length = 0;
            output[length++] = (byte)'{';
            for (var i = 0; i < count; i++)
            {
                var utf8Name = stored[fields[2 * i]];
                if (utf8Name.Length > name.Length) continue; // no name of ours is that long
                var chars = Encoding.UTF8.GetChars(utf8Name, name);
                if (!lookup.TryGetValue(name[..chars], out var index)) continue; // storage-only or Cosmos DB's own
                if (seen[index]) return null;
                seen[index] = true;
                kept++;
                if (length > 1) output[length++] = (byte)',';
                // From the name's opening quote to its colon, as stored (a name is never escaped here, see Fields).
                output[length++] = (byte)'"';
                utf8Name.CopyTo(output.AsSpan(length));
                length += utf8Name.Length;
                output[length++] = (byte)'"';
                output[length++] = (byte)':';
                if (amountToPay is { } computed && utf8Name.SequenceEqual("amount_to_pay"u8))
                {
                    Utf8Formatter.TryFormat(computed, output.AsSpan(length), out var written);
                    length += written;
                }
                else
                {
                    var value = stored[fields[2 * i + 1]];
                    value.CopyTo(output.AsSpan(length));
                    length += value.Length;
                }
            }
            output[length++] = (byte)'}';
            return kept == names.Count ? new ReadOnlyMemory<byte>(output, 0, length) : (ReadOnlyMemory<byte>?)null;
        }
        finally
        {
            ArrayPool<Range>.Shared.Return(fields);
        }
    }

    // The top-level fields as (name, value) ranges, in order; -1 when the JSON is not an object of plain names.
    private static int Fields(ReadOnlySpan<byte> json, Range[] fields)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return -1;
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped || count == MaxFields) return -1;
            var nameStart = (int)reader.TokenStartIndex + 1; // past the opening quote
            var nameRange = new Range(nameStart, nameStart + reader.ValueSpan.Length);
            if (!reader.Read()) return -1;
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            fields[2 * count] = nameRange;
            fields[2 * count + 1] = new Range(valueStart, (int)reader.BytesConsumed);
            count++;
        }
        return reader.TokenType == JsonTokenType.EndObject ? count : -1;
    }

    private static string? StringValue(ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value);
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    // amount_to_pay of an issued invoice for today, from the three stored fields it depends on (as the sweep computes it);
    // null for a draft, whose stored value is the answer.
    private static long? AmountToPay(ReadOnlySpan<byte> stored, Range[] fields, int count, DateOnly today)
    {
        string? status = null;
        long amountDue = 0;
        DateTimeOffset? issueDate = null;
        PaymentTermsSnapshot? terms = null;
        for (var i = 0; i < count; i++)
        {
            var name = stored[fields[2 * i]];
            var value = stored[fields[2 * i + 1]];
            if (name.SequenceEqual("status"u8)) status = StringValue(value);
            else if (name.SequenceEqual("amount_due"u8)) amountDue = JsonSerializer.Deserialize<long>(value, ApiJson.Storage);
            else if (name.SequenceEqual("issue_date"u8)) issueDate = JsonSerializer.Deserialize<DateTimeOffset?>(value, ApiJson.Storage);
            else if (name.SequenceEqual("payment_terms"u8)) terms = JsonSerializer.Deserialize<PaymentTermsSnapshot?>(value, ApiJson.Storage);
        }
        if (status is null or "draft") return null;
        return ReceivableOperations.AmountToPayOf(amountDue, issueDate, terms, today);
    }
}
