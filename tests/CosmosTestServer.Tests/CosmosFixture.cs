using System.Net;
using Microsoft.Azure.Cosmos;
using Receivables.Store;
using Xunit;

namespace Receivables.Testing.Cosmos.Tests;

/// <summary>
/// A database of its own (unique name) per test class, reached through the product's <see cref="CosmosConnection"/>
/// so the tests also prove the product's client setup (Gateway mode, loopback-only trust of the self-signed
/// certificate) works against the test server. Each test creates its own container in it.
/// </summary>
public sealed class CosmosFixture : IAsyncLifetime
{
    public CosmosClient Client { get; private set; } = null!;

    public Database Database { get; private set; } = null!;

    public CosmosTestTarget Target { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Target = await CosmosTestEndpoint.GetAsync();
        var connection = new CosmosConnection(Target.Endpoint, Target.Key, $"cts-{Guid.NewGuid():N}");
        Client = connection.CreateClient(options => options.SerializerOptions = new CosmosSerializationOptions
        {
            PropertyNamingPolicy = CosmosPropertyNamingPolicy.CamelCase,
            IgnoreNullValues = true,
        });
        Database = (await Client.CreateDatabaseAsync(connection.DatabaseName)).Database;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Database.DeleteAsync();
        }
        finally
        {
            Client.Dispose();
        }
    }

    /// <summary>A new container partitioned on <c>/pk</c>, with a unique name.</summary>
    public async Task<Container> CreateContainerAsync(Action<ContainerProperties>? configure = null)
    {
        var properties = new ContainerProperties($"c-{Guid.NewGuid():N}", "/pk");
        configure?.Invoke(properties);
        var response = await Database.CreateContainerAsync(properties);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Container;
    }
}

/// <summary>The item the tests store (camelCase JSON: id, pk, status, count, tags, note, ttl).</summary>
public sealed record TestItem(string Id, string Pk, string Status = "open", int Count = 0, IReadOnlyList<string>? Tags = null, string? Note = null, int? Ttl = null);

internal static class Feed
{
    public static async Task<List<T>> DrainAsync<T>(FeedIterator<T> iterator)
    {
        var items = new List<T>();
        using (iterator)
        {
            while (iterator.HasMoreResults)
            {
                items.AddRange(await iterator.ReadNextAsync());
            }
        }
        return items;
    }

    public static async Task SeedAsync(Container container, params TestItem[] items)
    {
        foreach (var item in items)
        {
            await container.CreateItemAsync(item, new PartitionKey(item.Pk));
        }
    }
}
