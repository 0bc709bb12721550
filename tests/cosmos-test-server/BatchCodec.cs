using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Microsoft.Azure.Cosmos.Serialization.HybridRow;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.IO;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.Layouts;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.RecordIO;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.Schemas;

namespace Receivables.Testing.Cosmos;

/// <summary>
/// The TransactionalBatch wire format of the .NET SDK: a RecordIO stream of HybridRow rows, one
/// <c>BatchOperation</c> row per operation in the request and one <c>BatchResult</c> row per operation in the
/// response. The schemas are the SDK's own (an embedded resource of Microsoft.Azure.Cosmos.Client), read with the
/// SDK's public HybridRow library, so the two sides cannot drift apart.
/// </summary>
internal static class BatchCodec
{
    private const string SchemaResource = "Microsoft.Azure.Cosmos.Batch.HybridRowBatchSchemas.json";

    private static readonly LayoutResolverNamespace Resolver;
    private static readonly Layout ResultLayout;

#pragma warning disable CA1810 // The schema must be read before either field can be set; one static constructor does both.
    static BatchCodec()
#pragma warning restore CA1810
    {
        using var stream = typeof(CosmosClient).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"The SDK no longer embeds {SchemaResource}; the batch format must be revisited.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var schemas = Namespace.Parse(reader.ReadToEnd());
        Resolver = new LayoutResolverNamespace(schemas);
        ResultLayout = Resolver.Resolve(schemas.Schemas.Single(s => s.Name == "BatchResult").SchemaId);
    }

    /// <summary>One operation's outcome, as the store reports it.</summary>
    internal sealed record BatchResult(int StatusCode, string? ETag, byte[]? ResourceBody)
    {
        public static BatchResult FromJson(JsonElement result) => new(
            result.GetProperty("statusCode").GetInt32(),
            result.TryGetProperty("eTag", out var eTag) && eTag.ValueKind == JsonValueKind.String ? eTag.GetString() : null,
            result.TryGetProperty("resourceBody", out var body) && body.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                ? Encoding.UTF8.GetBytes(body.GetRawText())
                : null);
    }

    /// <summary>Reads the operations of a batch request as JSON objects (field names as in the schema).</summary>
    public static async Task<List<JsonObject>> ReadOperationsAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;

        var operations = new List<JsonObject>();
        string? error = null;
        var result = await buffer.ReadRecordIOAsync(
            (ReadOnlyMemory<byte> record) =>
            {
                var operation = ReadOperation(record, out error);
                if (operation is null)
                {
                    return Result.Failure;
                }
                operations.Add(operation);
                return Result.Success;
            },
            (ReadOnlyMemory<byte> _) => Result.Success,
            new MemorySpanResizer<byte>((int)Math.Max(buffer.Length, 1))).ConfigureAwait(false);
        if (result != Result.Success)
        {
            throw new InvalidDataException($"The batch request is not a valid HybridRow RecordIO stream ({result}). {error}");
        }
        return operations;
    }

    private static JsonObject? ReadOperation(ReadOnlyMemory<byte> record, out string? error)
    {
        error = null;
        var row = new RowBuffer(record.Length);
        if (!row.ReadFrom(record.Span, HybridRowVersion.V1, Resolver))
        {
            error = "A batch operation row could not be read.";
            return null;
        }
        var reader = new RowReader(ref row);
        var operation = new JsonObject();
        while (reader.Read())
        {
            var path = reader.Path.ToString();
            Result r;
            switch (path)
            {
                case "operationType" or "resourceType" or "timeToLiveInSeconds":
                    r = reader.ReadInt32(out var number);
                    operation[path] = number;
                    break;
                case "partitionKey" or "id" or "ifMatch" or "ifNoneMatch" or "indexingDirective":
                    r = reader.ReadString(out string text);
                    operation[path] = text;
                    break;
                case "minimalReturnPreference":
                    r = reader.ReadBool(out var flag);
                    operation[path] = flag;
                    break;
                case "resourceBody":
                    r = reader.ReadBinary(out byte[] bytes);
                    // The body is the item's JSON (or, for patch, {"operations": [...], "condition": "..."}).
                    operation[path] = r == Result.Success ? JsonNode.Parse(bytes) : null;
                    break;
                default:
                    // effectivePartitionKey and binaryId are routing hints for the service's backend.
                    r = Result.Success;
                    break;
            }
            if (r != Result.Success)
            {
                error = $"Field '{path}' of a batch operation could not be read ({r}).";
                return null;
            }
        }
        return operation;
    }

    /// <summary>Writes the response body: one <c>BatchResult</c> row per operation, in order.</summary>
    public static async Task WriteResultsAsync(Stream output, IReadOnlyList<BatchResult> results)
    {
        var result = await output.WriteRecordIOAsync(
            default,
            (long index, out ReadOnlyMemory<byte> buffer) =>
            {
                if (index >= results.Count)
                {
                    buffer = ReadOnlyMemory<byte>.Empty;
                    return Result.Success;
                }
                return WriteResult(results[(int)index], out buffer);
            }).ConfigureAwait(false);
        if (result != Result.Success)
        {
            throw new InvalidDataException($"The batch response could not be written ({result}).");
        }
    }

    private static Result WriteResult(BatchResult value, out ReadOnlyMemory<byte> buffer)
    {
        var row = new RowBuffer(256 + (value.ResourceBody?.Length ?? 0));
        row.InitLayout(HybridRowVersion.V1, ResultLayout, Resolver);
        var r = RowWriter.WriteBuffer(ref row, value, WriteFields);
        if (r != Result.Success)
        {
            buffer = ReadOnlyMemory<byte>.Empty;
            return r;
        }
        using var stream = new MemoryStream(row.Length);
        row.WriteTo(stream);
        buffer = stream.ToArray();
        return Result.Success;
    }

    private static Result WriteFields(ref RowWriter writer, TypeArgument typeArg, BatchResult value)
    {
        var r = writer.WriteInt32("statusCode", value.StatusCode);
        if (r == Result.Success && value.ETag is not null)
        {
            r = writer.WriteString("eTag", value.ETag);
        }
        if (r == Result.Success && value.ResourceBody is not null)
        {
            r = writer.WriteBinary("resourceBody", value.ResourceBody);
        }
        if (r == Result.Success)
        {
            r = writer.WriteFloat64("requestCharge", 1.0);
        }
        return r;
    }
}
