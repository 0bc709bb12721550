using Receivables.Api;

namespace Receivables.Counterparts;

/// <summary><c>/counterparts</c> and <c>/counterparts/{counterpart_id}</c>: parse, call one operation, shape the answer.</summary>
public static class CounterpartEndpoints
{
    private static readonly string[] Filters = ["type", "is_customer", "is_vendor", "email", "tax_id", "counterpart_name", "counterpart_name__icontains", "order", "sort"];

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateCounterpartRequest>();
        var counterpart = await request.Service<CounterpartOperations>().CreateAsync(request.Principal, request.EntityId, body, request.Aborted);
        return ApiResponse.Created(counterpart.Document, counterpart.ETag);
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var counterpart = await request.Service<CounterpartOperations>().GetAsync(request.EntityId, request.PathId("counterpart_id"), request.Aborted);
        return ApiResponse.Ok(counterpart.Document, counterpart.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var limit = ListQuery.Limit(request, 100);
        var token = request.Query("pagination_token") is { Length: > 0 } raw ? PaginationToken.Decode(raw) : null;
        var query = token?.Query ?? Filters.ToDictionary(f => f, request.Query);
        var filter = new CounterpartFilter(
            Type: query.GetValueOrDefault("type") switch
            {
                null or "" => null,
                "organization" => CounterpartType.Organization,
                "individual" => CounterpartType.Individual,
                _ => throw ValidationException.Of(["query", "type"], "value is not a valid enumeration member; permitted: 'individual', 'organization'", "type_error.enum"),
            },
            IsCustomer: Bool(query, "is_customer"),
            IsVendor: Bool(query, "is_vendor"),
            Email: NonEmpty(query, "email"),
            TaxId: NonEmpty(query, "tax_id"),
            Name: NonEmpty(query, "counterpart_name"),
            NameContains: NonEmpty(query, "counterpart_name__icontains"));
        var descending = query.GetValueOrDefault("order") switch
        {
            null or "" or "asc" => false,
            "desc" => true,
            _ => throw ValidationException.Of(["query", "order"], "value is not a valid enumeration member; permitted: 'asc', 'desc'", "type_error.enum"),
        };
        // Sorting by counterpart_name would need an ORDER BY over two paths (legal name, person name); not served.
        if (query.GetValueOrDefault("sort") is { Length: > 0 })
            throw ValidationException.Of(["query", "sort"], "sorting is not supported; counterparts are ordered by created_at (use 'order')", "value_error");

        var (items, continuation) = await request.Service<CounterpartOperations>()
            .ListAsync(request.EntityId, filter, descending, limit, token?.Continuation, request.Aborted);
        var next = continuation is null ? null : new PaginationToken(continuation, query).Encode();
        return ApiResponse.Ok(new Page<Counterpart>(items, null, next));
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId("counterpart_id");
        var body = await request.BodyAsync<UpdateCounterpartRequest>();
        var counterpart = await request.Service<CounterpartOperations>().UpdateAsync(request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(counterpart.Document, counterpart.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<CounterpartOperations>().DeleteAsync(request.EntityId, request.PathId("counterpart_id"), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }

    private static bool? Bool(Dictionary<string, string?> query, string name) => query.GetValueOrDefault(name) switch
    {
        null or "" => null,
        "true" => true,
        "false" => false,
        _ => throw ValidationException.Of(["query", name], "value could not be parsed to a boolean", "type_error.bool"),
    };

    private static string? NonEmpty(Dictionary<string, string?> query, string name) =>
        query.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
}
