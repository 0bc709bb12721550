using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Conventions;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Catalog;

/// <summary>Helpers the catalog tests share: create-and-read-id, and the stored state a refused request must not change.</summary>
internal static class CatalogApi
{
    public static async Task<JsonObject> CreateAsync(this ApiHost api, string path, object body, Guid entityId)
    {
        using var response = await api.SendAsync(HttpMethod.Post, path, body, entityId);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.NotNull(response.Headers.ETag);
        return await Json.ReadAsync(response);
    }

    public static async Task<string> IdOfNewAsync(this ApiHost api, string path, object body, Guid entityId) =>
        (await api.CreateAsync(path, body, entityId))["id"]!.GetValue<string>();

    public static Func<Task<string>> CountOf(ApiHost api, string resource, Guid entityId) =>
        async () => (await api.CountStoredAsync(resource, entityId)).ToString(CultureInfo.InvariantCulture);

    public static Func<Task<string>> BodyOf(ApiHost api, string path, Guid? entityId) => async () =>
    {
        using var read = await api.SendAsync(HttpMethod.Get, path, entityId: entityId);
        return await read.Content.ReadAsStringAsync();
    };

    /// <summary>
    /// The bad-input corpus of <see cref="BadInputTests.FeedAsync"/> for any body: that feeder insists on 50 bodies,
    /// which a two-field body (a measure unit) cannot yield, so small bodies run the same checks here.
    /// </summary>
    /// <summary>The shared bad-input corpus (at least 50 bad bodies per route), see <see cref="BadInputTests.FeedAsync"/>.</summary>
    public static Task<int> FeedAsync(ApiHost api, HttpMethod method, string path, object validBody, Guid? entityId, ISet<string> required, Func<Task<string>> state) =>
        BadInputTests.FeedAsync(api, method, path, validBody, entityId, required, state);

    public static async Task AssertIfMatchAsync(ApiHost api, string path, object patch, Guid? entityId)
    {
        using var first = await api.SendAsync(HttpMethod.Get, path, entityId: entityId);
        var stale = first.Headers.ETag!.Tag;
        using var changed = await api.SendAsync(HttpMethod.Patch, path, patch, entityId);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var current = changed.Headers.ETag!.Tag;
        Assert.NotEqual(stale, current);

        using var stalePatch = await api.SendAsync(HttpMethod.Patch, path, patch, entityId, configure: r => r.Headers.TryAddWithoutValidation("If-Match", stale));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stalePatch.StatusCode);
        using var staleDelete = await api.SendAsync(HttpMethod.Delete, path, entityId: entityId, configure: r => r.Headers.TryAddWithoutValidation("If-Match", stale));
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.StatusCode);
        using var delete = await api.SendAsync(HttpMethod.Delete, path, entityId: entityId, configure: r => r.Headers.TryAddWithoutValidation("If-Match", current));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await api.SendAsync(HttpMethod.Get, path, entityId: entityId);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    /// <summary>Another entity's id and an unknown id are both 404, on every single-resource route.</summary>
    public static async Task AssertNotFoundAsync(ApiHost api, string path, object patch, Guid entityId)
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Patch, HttpMethod.Delete })
        {
            using var response = await api.SendAsync(method, path, method == HttpMethod.Patch ? patch : null, entityId);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {response.StatusCode}");
            Assert.False(string.IsNullOrEmpty(Json.Error(await Json.ReadAsync(response))));
        }
    }
}
