using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Receivables.Api;

namespace Receivables.Store;

/// <summary>Lets the Cosmos SDK (typed item APIs, batches, queries) use System.Text.Json with our settings.</summary>
public sealed class CosmosStjSerializer : CosmosSerializer
{
    public override T FromStream<T>(Stream stream)
    {
        if (typeof(Stream).IsAssignableFrom(typeof(T))) return (T)(object)stream;
        using (stream)
        {
            return JsonSerializer.Deserialize<T>(stream, ApiJson.Storage)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, input, input?.GetType() ?? typeof(T), ApiJson.Storage);
        stream.Position = 0;
        return stream;
    }
}
