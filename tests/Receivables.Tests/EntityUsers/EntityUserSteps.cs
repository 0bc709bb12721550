using System.Net;
using System.Text.Json.Nodes;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.EntityUsers;

/// <summary>Roles, users and their tokens, made through the API with partner A's token.</summary>
public static class EntityUserSteps
{
    /// <summary>A permissions body: each object type with the four actions at <paramref name="level"/>, then overrides.</summary>
    public static JsonObject Permissions(string level, params (string Object, string Action, string Level)[] overrides)
    {
        string[] objects = ["receivable", "payment_record", "counterpart", "product", "entity", "entity_user", "role", "entity_bank_account", "entity_vat_ids",
            "counterpart_vat_id", "payment_reminder", "overdue_reminder"];
        var list = new JsonArray();
        foreach (var o in objects)
        {
            var actions = new JsonArray();
            foreach (var a in new[] { "create", "read", "update", "delete" })
            {
                var l = overrides.FirstOrDefault(x => x.Object == o && x.Action == a).Level ?? level;
                actions.Add(new JsonObject { ["action_name"] = a, ["permission"] = l });
            }
            list.Add(new JsonObject { ["object_type"] = o, ["actions"] = actions });
        }
        return new JsonObject { ["objects"] = list };
    }

    public static async Task<Guid> CreateRoleAsync(this ApiHost api, Guid entity, JsonObject permissions, string name = "Accountant")
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/roles", new JsonObject { ["name"] = name, ["permissions"] = permissions }, entity);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"role: {response.StatusCode} {text}");
        return Guid.Parse(JsonNode.Parse(text)!["id"]!.GetValue<string>());
    }

    public static async Task<Guid> CreateUserAsync(this ApiHost api, Guid entity, Guid role, string? login = null)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/entity_users",
            new { login = login ?? "user-" + Guid.NewGuid().ToString("N")[..8], first_name = "Anna", last_name = "Berg", email = "anna@acme.example", role_id = role }, entity);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"entity user: {response.StatusCode} {text}");
        return Guid.Parse(JsonNode.Parse(text)!["id"]!.GetValue<string>());
    }

    public static async Task SetRoleAsync(this ApiHost api, Guid entity, Guid user, Guid role)
    {
        using var response = await api.SendAsync(HttpMethod.Patch, $"/v1/entity_users/{user}", new { role_id = role }, entity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Sends with a token and reads the answer (an empty body is an empty object).</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> AsAsync(this ApiHost api, string token, HttpMethod method, string path, object? body = null, Guid? entity = null)
    {
        using var response = await api.SendAsync(method, path, body, entity, token: token);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }
}
