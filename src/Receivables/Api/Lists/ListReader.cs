using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Receivables.Store;

namespace Receivables.Api;

/// <summary>
/// Where a list reads: one entity's partition (or none, for the partner's entities), the owner its tokens are bound to,
/// and conditions every page keeps (a receivable's history is one receivable's).
/// </summary>
public sealed record ListScope(Guid? Partition, string Owner, params (string Condition, object Value)[] Fixed)
{
    /// <summary>
    /// The entity user a list is narrowed to (<c>allowed_for_own</c>): asking for another user's documents by the
    /// <c>entity_user_id</c> filters is then refused, not silently answered empty (spec 1.6).
    /// </summary>
    public Guid? OwnedBy { get; init; }

    /// <summary>The common case: the entity of <c>x-monite-entity-id</c>.</summary>
    public static ListScope Entity(Guid entityId, params (string Condition, object Value)[] fixedConditions) =>
        new(entityId, entityId.ToString(), fixedConditions);
}

/// <summary>A checked list request: its filters (raw values by canonical name), sort, order, page size and cursor.</summary>
public sealed record ListRequest(
    ListDefinition Definition, ListScope Scope, SortedDictionary<string, string[]> Filters, string Sort, bool Descending, int Limit, PageCursor? Cursor);

/// <summary>The list envelope: <c>{"data": [...], "prev_pagination_token": ..., "next_pagination_token": ...}</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, string? PrevPaginationToken, string? NextPaginationToken);

/// <summary>
/// Reads a list request (query string, search body or token) against its <see cref="ListDefinition"/> and serves one
/// page with one query: keyset pagination on (sort value, id), so documents inserted or deleted while a client walks
/// the pages never make it see a document twice or miss one that existed throughout, and a token walks back as well
/// as forward. Each page reads one more document than it returns, to know whether a next (or previous) page exists.
/// </summary>
public sealed class ListReader(DocumentStore store, PageTokens tokens)
{
    private const string Query = "query";
    private const string Body = "body";

    /// <summary>The list a <c>GET</c> asks for: filters from the query string, or everything but <c>limit</c> from its token.</summary>
    public ListRequest FromQuery(ApiRequest request, ListDefinition definition, ListScope scope)
    {
        var query = request.Http.Request.Query;
        string? Last(string name) => query.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrEmpty(v[^1]) ? v[^1] : null;

        var limit = Limit(definition, Last("limit"), Query);
        if (Last("pagination_token") is { } token) return FromToken(definition, scope, token, limit, Query);

        var filters = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        // Canonical names after their aliases, so that the canonical name wins when both are given.
        foreach (var (name, values) in query.OrderBy(p => definition.Aliases.ContainsKey(p.Key) ? 0 : 1))
        {
            var canonical = definition.Aliases.GetValueOrDefault(name, name);
            // Unknown query parameters are ignored, as the original API does.
            if (definition.Filter(canonical) is not { } filter) continue;
            if (values.Count > ListFilter.MaxValues) throw TooMany(Query, name);
            var given = values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();
            if (given.Length == 0) continue;
            Alias(filter, name, canonical, given, Query);
            filters[canonical] = filter.IsList ? given : [given[^1]];
        }
        return Checked(new ListRequest(definition, scope, filters, Sort(definition, Last("sort"), Query), Descending(Last("order"), Query), limit, null), Query);
    }

    /// <summary>The list a search body asks for (strict: an unknown field is 422), the same filters as the query string.</summary>
    public async Task<ListRequest> FromBodyAsync(ApiRequest request, ListDefinition definition, ListScope scope)
    {
        var body = await RequestBody.ReadObjectAsync(request.Http.Request, request.Aborted);
        string? limitRaw = null, token = null, sort = null, order = null;
        var filters = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject().OrderBy(p => definition.Aliases.ContainsKey(p.Name) ? 0 : 1))
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "limit":
                    limitRaw = value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.Number => value.GetRawText(),
                        _ => throw ValidationException.Of([Body, "limit"], "value is not a valid integer", "type_error.integer"),
                    };
                    continue;
                case "pagination_token": token = Text(value, "pagination_token"); continue;
                case "sort": sort = Text(value, "sort"); continue;
                case "order": order = Text(value, "order"); continue;
            }
            var canonical = definition.Aliases.GetValueOrDefault(property.Name, property.Name);
            var filter = definition.Filter(canonical) ?? throw ValidationException.Of([Body, property.Name], "extra fields not permitted", "value_error.extra");
            if (value.ValueKind == JsonValueKind.Null) continue;
            if (filter.IsList)
            {
                if (value.ValueKind != JsonValueKind.Array) throw ValidationException.Of([Body, property.Name], "value is not a valid list", "type_error.list");
                if (value.GetArrayLength() > ListFilter.MaxValues) throw TooMany(Body, property.Name);
                var items = new string[value.GetArrayLength()];
                var i = 0;
                foreach (var item in value.EnumerateArray()) items[i++] = Scalar(item, property.Name, i - 1);
                Alias(filter, property.Name, canonical, items, Body);
                if (items.Length > 0) filters[canonical] = items;
            }
            else
            {
                filters[canonical] = [Scalar(value, property.Name, null)];
                Alias(filter, property.Name, canonical, filters[canonical], Body);
            }
        }

        var limit = Limit(definition, limitRaw, Body);
        if (token is not null) return FromToken(definition, scope, token, limit, Body);
        return Checked(new ListRequest(definition, scope, filters, Sort(definition, sort, Body), Descending(order, Body), limit, null), Body);
    }

    /// <summary>One page, in one query on the scope's partition.</summary>
    public Task<Page<T>> PageAsync<T>(ListRequest list, CancellationToken ct) =>
        PageAsync(list, row => row.Deserialize<T>(ApiJson.Storage) ?? throw new InvalidOperationException("a listed document is null"), ct);

    /// <summary>One page, each stored document made into an item by <paramref name="item"/> (which may answer from the JSON).</summary>
    public async Task<Page<T>> PageAsync<T>(ListRequest list, Func<JsonElement, T> item, CancellationToken ct)
    {
        var cursor = list.Cursor;
        var backward = cursor?.Backward == true;
        // Walking back reads the other way from the cursor, then turns the page around.
        var storeDescending = list.Descending != backward;
        var path = "c." + list.Definition.Sorts[list.Sort];
        var filter = Conditions(list);
        if (cursor is not null)
        {
            var (after, idAfter) = storeDescending ? ("<", cursor.Inclusive ? "<=" : "<") : (">", cursor.Inclusive ? ">=" : ">");
            filter.AddValues($"({path} {after} {{0}} OR ({path} = {{0}} AND c.id {idAfter} {{1}}))", [KeyValue(cursor.Key), cursor.Id]);
        }
        var direction = storeDescending ? "DESC" : "ASC";
        // TOP: the store stops at the page and owes no continuation, so a single-partition page stays one request
        // (an optimistic direct execution that returns a continuation falls back to a query plan and a second run).
        var top = (list.Limit + 1).ToString(CultureInfo.InvariantCulture);
        var query = filter.ToQuery($"SELECT TOP {top} * FROM c", "c.resource = @resource", $"c.resource {direction}, {path} {direction}, c.id {direction}", list.Definition.Resource);

        var (rows, _) = await store.QueryPageAsync<JsonElement>(query, list.Scope.Partition, list.Limit + 1, null, ct);
        var more = rows.Count > list.Limit;
        var page = rows.Take(list.Limit).ToList();
        if (backward) page.Reverse();

        string? next, prev;
        if (!backward)
        {
            next = more ? Token(list, page[^1], backward: false) : null;
            prev = cursor is null ? null : page.Count > 0 ? Token(list, page[0], backward: true) : Token(list, cursor, backward: true);
        }
        else
        {
            prev = more ? Token(list, page[0], backward: true) : null;
            next = page.Count > 0 ? Token(list, page[^1], backward: false) : Token(list, cursor!, backward: false);
        }
        var items = page.Select(item).ToList();
        return new Page<T>(items, prev, next);
    }

    private ListRequest FromToken(ListDefinition definition, ListScope scope, string token, int limit, string source)
    {
        var cursor = tokens.Decode(token, definition.Name, scope.Owner, source);
        if (!definition.Sorts.ContainsKey(cursor.Sort)) throw ValidationException.Of([source, "pagination_token"], "invalid pagination token", "value_error");
        return Checked(new ListRequest(definition, scope, cursor.Filters, cursor.Sort, cursor.Descending, limit, cursor), source);
    }

    /// <summary>
    /// A value given under an alias is checked under that name, so that its 422 names the parameter the client sent
    /// (<c>amount__gte</c>, not <c>total_amount__gte</c>); later checks see only the canonical name.
    /// </summary>
    private static void Alias(ListFilter filter, string name, string canonical, string[] values, string source)
    {
        if (name == canonical) return;
        From(source, () =>
        {
            foreach (var value in values) filter.Parse(name, value);
        });
    }

    /// <summary>Builds the conditions once at parse time, so that every bad value is a 422 before the store is asked.</summary>
    private static ListRequest Checked(ListRequest list, string source)
    {
        From(source, () => Conditions(list));
        if (list.Scope.OwnedBy is { } user)
        {
            foreach (var name in (string[])["entity_user_id", "entity_user_id__in"])
                if (list.Filters.TryGetValue(name, out var ids) && ids.Any(id => !Guid.TryParse(id, out var g) || g != user))
                    throw new Domain.ForbiddenException($"The role of this entity user allows reading only its own documents: '{name}' may name no other user");
        }
        return list;
    }

    /// <summary>Runs value checks, which name <c>["query", …]</c>, so that their issues name the request part the values came from.</summary>
    private static void From(string source, Action check)
    {
        try
        {
            check();
        }
        catch (ValidationException e) when (source != Query)
        {
            throw new ValidationException(e.Issues.Select(i => i with { Loc = [source, .. i.Loc.Skip(1)] }).ToList());
        }
    }

    private static QueryFilter Conditions(ListRequest list)
    {
        var filter = new QueryFilter();
        foreach (var (condition, value) in list.Scope.Fixed) filter.Add(condition, value);
        foreach (var (name, raw) in list.Filters)
        {
            var f = list.Definition.Filter(name) ?? throw ValidationException.Of([Query, name], "unknown filter", "value_error");
            var values = raw.Select(r => f.Parse(name, r)).ToArray();
            switch (f.Values)
            {
                case FilterValues.One: filter.Add(f.Condition, values[0]); break;
                case FilterValues.Array: filter.Add(f.Condition, values); break;
                case FilterValues.All or FilterValues.Any:
                    var join = f.Values == FilterValues.All ? " AND " : " OR ";
                    var each = Enumerable.Range(0, values.Length).Select(i => f.Condition.Replace("{0}", "{" + i.ToString(CultureInfo.InvariantCulture) + "}", StringComparison.Ordinal));
                    filter.AddValues("(" + string.Join(join, each) + ")", values);
                    break;
            }
        }
        return filter;
    }

    private string Token(ListRequest list, JsonElement row, bool backward)
    {
        var key = row;
        foreach (var segment in list.Definition.Sorts[list.Sort].Split('.'))
            key = key.ValueKind == JsonValueKind.Object && key.TryGetProperty(segment, out var next) ? next : default;
        if (key.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            throw new InvalidOperationException($"Listed document has no sort value at {list.Definition.Sorts[list.Sort]}; every sort field must be present and not null");
        var id = row.GetProperty("id").GetString()!;
        return tokens.Encode(new PageCursor(list.Definition.Name, list.Scope.Owner, list.Filters, list.Sort, list.Descending, backward, key.Clone(), id, Inclusive: false));
    }

    /// <summary>From an empty page: the same key, now included, so the page the client came from is found again.</summary>
    private string Token(ListRequest list, PageCursor cursor, bool backward) =>
        tokens.Encode(cursor with { Backward = backward, Inclusive = true });

    private static object KeyValue(JsonElement key) => key.ValueKind switch
    {
        JsonValueKind.String => key.GetString()!,
        JsonValueKind.Number when key.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => key.GetDouble(),
        _ => throw ValidationException.Of([Query, "pagination_token"], "invalid pagination token", "value_error"),
    };

    /// <summary><c>limit</c>: 1..max, default max capped at 100 (spec 1.5). Not carried by a token: read on every page.</summary>
    private static int Limit(ListDefinition definition, string? raw, string source)
    {
        if (raw is null) return definition.DefaultLimit;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
            throw ValidationException.Of([source, "limit"], "value is not a valid integer", "type_error.integer");
        if (limit < 1 || limit > definition.MaxLimit)
            throw ValidationException.Of([source, "limit"], $"ensure this value is between 1 and {definition.MaxLimit}", "value_error.number.not_in_range");
        return limit;
    }

    private static string Sort(ListDefinition definition, string? raw, string source)
    {
        if (raw is null) return definition.DefaultSort;
        return definition.Sorts.ContainsKey(raw)
            ? raw
            : throw ValidationException.Of([source, "sort"], $"value is not a valid enumeration member; permitted: {string.Join(", ", definition.Sorts.Keys.Select(k => $"'{k}'"))}", "type_error.enum");
    }

    private static bool Descending(string? raw, string source) => raw switch
    {
        null or "asc" => false,
        "desc" => true,
        _ => throw ValidationException.Of([source, "order"], "value is not a valid enumeration member; permitted: 'asc', 'desc'", "type_error.enum"),
    };

    private static string? Text(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
        _ => throw ValidationException.Of([Body, name], "str type expected", "type_error.str"),
    };

    /// <summary>A search-body value as the query string would have carried it: numbers and booleans by their JSON text.</summary>
    private static string Scalar(JsonElement value, string name, int? index) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => throw ValidationException.Of(index is { } i ? [Body, name, i] : [Body, name], "value is not a valid string or number", "type_error"),
    };

    private static ValidationException TooMany(string source, string name) =>
        ValidationException.Of([source, name], $"ensure this value has at most {ListFilter.MaxValues} items", "value_error.list.max_items");
}
