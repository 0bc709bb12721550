using System.Text.Json;
using System.Text.Json.Nodes;

namespace Receivables.Tests.Infrastructure;

/// <summary>
/// A corpus of bad request bodies made from one valid body: malformed JSON, wrong root types, every field
/// removed, nulled, retyped and blown up, unknown fields at every object level. Every one must be answered
/// with a 4xx (never a 5xx) and must store nothing. Mutations that happen to stay valid (removing an optional
/// field, say) are filtered by the caller's <c>isValid</c> check or simply expected to succeed.
/// </summary>
public static class BadBodies
{
    public sealed record BadBody(string Name, string Body, bool MayBeValid);

    public static IReadOnlyList<BadBody> From(object validBody, ISet<string>? requiredPaths = null)
    {
        var valid = JsonNode.Parse(Bodies.Serialize(validBody))!.AsObject();
        var cases = new List<BadBody>
        {
            new BadBody("empty body", "", false),
            new BadBody("whitespace", "   ", false),
            new BadBody("truncated", valid.ToJsonString()[..^1], false),
            new BadBody("trailing garbage", valid.ToJsonString() + " x", false),
            new BadBody("trailing comma", valid.ToJsonString()[..^1] + ",}", false),
            new BadBody("single quotes", valid.ToJsonString().Replace('"', '\''), false),
            new BadBody("comment", "/* c */" + valid.ToJsonString(), false),
            new BadBody("array root", "[" + valid.ToJsonString() + "]", false),
            new BadBody("string root", "\"text\"", false),
            new BadBody("number root", "42", false),
            new BadBody("null root", "null", false),
            new BadBody("deeply nested", new string('[', 200) + new string(']', 200), false),
            new BadBody("unknown top-level field", With(valid, o => o["unexpected_field"] = 1), false),
            new BadBody("unknown field named like a private one", With(valid, o => o["_etag"] = "x"), false),
            new BadBody("entity_id smuggled in", With(valid, o => o["entity_id"] = Guid.NewGuid().ToString()), false),
            new BadBody("resource smuggled in", With(valid, o => o["resource"] = "entity"), false),
            new BadBody("partner_id smuggled in", With(valid, o => o["partner_id"] = Guid.NewGuid().ToString()), false),
            new BadBody("id smuggled in", With(valid, o => o["id"] = Guid.NewGuid().ToString()), false),
            new BadBody("ttl smuggled in", With(valid, o => o["ttl"] = 1), false),
            new BadBody("unknown field with a nested object", With(valid, o => o["extra"] = new JsonObject { ["a"] = new JsonObject { ["b"] = 1 } }), false),
            new BadBody("many unknown fields", With(valid, o => { for (var i = 0; i < 50; i++) o[$"unknown_{i}"] = i; }), false),
            new BadBody("very long unknown field name", With(valid, o => o[new string('k', 10_000)] = 1), false),
            new BadBody("unknown field that differs only in case", With(valid, o => { var first = o.First().Key; o[first.ToUpperInvariant() + "_X"] = 1; }), false),
            new BadBody("empty object", "{}", true),
            new BadBody("object with only nulls", "{\"a\":null}", false),
            new BadBody("lone surrogate escape", "{\"name\":\"\\ud800\"}", false),
            new BadBody("NaN literal", "{\"value\":NaN}", false),
            new BadBody("Infinity literal", "{\"value\":Infinity}", false),
            new BadBody("unquoted key", "{name:1}", false),
            new BadBody("two roots", valid.ToJsonString() + valid.ToJsonString(), false),
            new BadBody("nested 40 objects deep", With(valid, o => o["deep"] = Deep(40)), false),
            new BadBody("huge exponent number", With(valid, o => o["n"] = JsonNode.Parse("1e400")), false),
            new BadBody("XML instead of JSON", "<invoice/>", false),
            new BadBody("duplicate key", DuplicateFirstKey(valid), false),
        };

        foreach (var (path, value) in Walk(valid, ""))
        {
            var required = requiredPaths?.Contains(path) ?? false;
            cases.Add(new BadBody($"{path} removed", Mutate(valid, path, (parent, key) => Remove(parent, key)), MayBeValid: !required));
            cases.Add(new BadBody($"{path} null", Mutate(valid, path, (parent, key) => Set(parent, key, null)), MayBeValid: !required));
            cases.Add(new BadBody($"{path} retyped", Mutate(valid, path, (parent, key) => Set(parent, key, Retype(value))), false));
            cases.Add(new BadBody($"{path} as boolean", Mutate(valid, path, (parent, key) => Set(parent, key, true)), MayBeValid: value is JsonValue b && b.TryGetValue<bool>(out _)));
            cases.Add(new BadBody($"{path} as nested array", Mutate(valid, path, (parent, key) => Set(parent, key, new JsonArray(new JsonArray()))), false));
            if (value is JsonValue v && v.TryGetValue<string>(out var s))
            {
                cases.Add(new BadBody($"{path} whitespace only", Mutate(valid, path, (parent, key) => Set(parent, key, "   ")), MayBeValid: true));
                cases.Add(new BadBody($"{path} unicode", Mutate(valid, path, (parent, key) => Set(parent, key, s + " é中😀")), MayBeValid: true));
                cases.Add(new BadBody($"{path} very long", Mutate(valid, path, (parent, key) => Set(parent, key, new string('x', 100_000))), false));
                cases.Add(new BadBody($"{path} empty string", Mutate(valid, path, (parent, key) => Set(parent, key, "")), MayBeValid: true));
                cases.Add(new BadBody($"{path} control characters", Mutate(valid, path, (parent, key) => Set(parent, key, s + "\u0000\u0007")), false));
                cases.Add(new BadBody($"{path} C1 control character", Mutate(valid, path, (parent, key) => Set(parent, key, s + "\u0085")), false));
            }
            if (value is JsonValue n && n.TryGetValue<decimal>(out _))
            {
                cases.Add(new BadBody($"{path} negative", Mutate(valid, path, (parent, key) => Set(parent, key, -1)), MayBeValid: true));
                cases.Add(new BadBody($"{path} huge", Mutate(valid, path, (parent, key) => Set(parent, key, JsonNode.Parse("1e300"))), false));
                cases.Add(new BadBody($"{path} beyond 2^53", Mutate(valid, path, (parent, key) => Set(parent, key, 9007199254740993)), false));
                cases.Add(new BadBody($"{path} fractional", Mutate(valid, path, (parent, key) => Set(parent, key, 0.5)), MayBeValid: true));
                cases.Add(new BadBody($"{path} as string", Mutate(valid, path, (parent, key) => Set(parent, key, n.ToJsonString())), false));
            }
            if (value is JsonObject)
            {
                cases.Add(new BadBody($"{path} unknown nested field", Mutate(valid, path, (parent, key) => ((JsonObject)Get(parent, key)!)["unexpected_nested"] = true), false));
                cases.Add(new BadBody($"{path} empty object", Mutate(valid, path, (parent, key) => Set(parent, key, new JsonObject())), MayBeValid: true));
            }
            if (value is JsonArray)
            {
                cases.Add(new BadBody($"{path} object instead of array", Mutate(valid, path, (parent, key) => Set(parent, key, new JsonObject())), false));
                cases.Add(new BadBody($"{path} array of nulls", Mutate(valid, path, (parent, key) => Set(parent, key, new JsonArray(null, null))), false));
                cases.Add(new BadBody($"{path} array of numbers", Mutate(valid, path, (parent, key) => Set(parent, key, new JsonArray(1, 2))), false));
                cases.Add(new BadBody($"{path} 1,001 items", Mutate(valid, path, (parent, key) => Set(parent, key, new JsonArray(Enumerable.Range(0, 1001).Select(_ => (JsonNode?)new JsonObject()).ToArray()))), false));
            }
        }
        return cases;
    }

    private static string With(JsonObject valid, Action<JsonObject> change)
    {
        var copy = valid.DeepClone().AsObject();
        change(copy);
        return copy.ToJsonString();
    }

    /// <summary>The body with its first key given a second time (another value of the same kind would be taken silently).</summary>
    private static string DuplicateFirstKey(JsonObject valid)
    {
        if (valid.Count == 0) return "{\"a\":1,\"a\":2}";
        var (key, value) = valid.First();
        var text = valid.ToJsonString();
        return "{" + JsonSerializer.Serialize(key) + ":" + (value?.ToJsonString() ?? "null") + "," + text[1..];
    }

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonObject { ["leaf"] = 1 };
        for (var i = 0; i < depth; i++) node = new JsonObject { ["n"] = node };
        return node;
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Walk(JsonNode node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                    yield return (path, value);
                    if (value is not null) foreach (var inner in Walk(value, path)) yield return inner;
                }
                break;
            case JsonArray a when a.Count > 0 && a[0] is not null:
                // The first element stands for all: mutating each would multiply the corpus without new cases.
                yield return ($"{prefix}.0", a[0]);
                foreach (var inner in Walk(a[0]!, $"{prefix}.0")) yield return inner;
                break;
        }
    }

    private static string Mutate(JsonObject valid, string path, Action<JsonNode, string> change)
    {
        var copy = valid.DeepClone();
        var parts = path.Split('.');
        JsonNode parent = copy;
        foreach (var part in parts[..^1]) parent = Get(parent, part)!;
        change(parent, parts[^1]);
        return copy.ToJsonString();
    }

    private static JsonNode? Get(JsonNode parent, string key) =>
        parent is JsonArray a ? a[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] : parent[key];

    private static void Set(JsonNode parent, string key, JsonNode? value)
    {
        if (parent is JsonArray a) a[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value;
        else parent[key] = value;
    }

    private static void Remove(JsonNode parent, string key)
    {
        if (parent is JsonArray a) a.RemoveAt(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture));
        else ((JsonObject)parent).Remove(key);
    }

    private static JsonNode Retype(JsonNode? value) => value switch
    {
        JsonObject => JsonValue.Create("an object was expected"),
        JsonArray => JsonValue.Create(7),
        JsonValue v when v.TryGetValue<string>(out _) => new JsonArray(1),
        JsonValue v when v.TryGetValue<bool>(out _) => JsonValue.Create("yes"),
        JsonValue => new JsonObject { ["value"] = 1 },
        _ => JsonValue.Create(true),
    };
}
