using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Conventions;

/// <summary>Spec section 1, over HTTP: headers, versions, strict bodies and error shapes, the same on every route.</summary>
[Collection(ApiTests.Name)]
public sealed class ConventionTests(ApiHost api)
{
    [Fact]
    public async Task a_request_without_x_monite_version_is_400_missing_api_version()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/entities");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await api.TokenAsync());
        using var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("missing_api_version", body["error"]!["type"]!.GetValue<string>());
        Assert.Equal("Missing the x-monite-version HTTP header", Json.Error(body));
        Assert.True(response.Headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task the_token_route_also_requires_the_version()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token")
        {
            Content = new StringContent("""{"grant_type":"client_credentials","client_id":"aaaaaaaa-0000-4000-8000-000000000001","client_secret":"x"}""", Encoding.UTF8, "application/json"),
        };
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("2024-01-31", "not supported")]
    [InlineData("2099-01-01", "Unknown API version")]
    [InlineData("yesterday", "Unknown API version")]
    public async Task an_unsupported_or_unknown_version_is_400_with_a_clear_message(string version, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/entities");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await api.TokenAsync());
        request.Headers.Add("x-monite-version", version);
        using var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Contains(expected, Json.Error(body), StringComparison.Ordinal);
        Assert.Contains(ApiHost.Version, Json.Error(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task responses_carry_request_id_version_and_entity_id()
    {
        var seller = await api.CreateSellerAsync();
        var entity = seller.Entity;
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(seller), entity);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(ApiHost.Version, response.Headers.GetValues("x-monite-version").Single());
        Assert.Equal(entity.ToString(), response.Headers.GetValues("x-monite-entity-id").Single());
        var requestId = response.Headers.GetValues("x-request-id").Single();
        Assert.Equal(32, requestId.Length);

        using var second = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(seller), entity);
        Assert.NotEqual(requestId, second.Headers.GetValues("x-request-id").Single());
    }

    [Fact]
    public async Task a_receivable_route_without_x_monite_entity_id_is_422_naming_the_header()
    {
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = Json.Detail(await Json.ReadAsync(response));
        Assert.Equal("header.x-monite-entity-id", Json.Loc(detail[0]!));
        Assert.Equal("value_error.missing", detail[0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_entity_id_that_is_not_a_uuid_is_422()
    {
        using var response = await api.SendAsync(HttpMethod.Get, $"/v1/receivables/{Guid.NewGuid()}",
            configure: r => r.Headers.Add("x-monite-entity-id", "not-a-uuid"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("type_error.uuid", Json.Detail(await Json.ReadAsync(response))[0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_receivable_route_on_an_unknown_entity_is_404()
    {
        var seller = new Seller(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(seller), seller.Entity);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Entity", Json.Error(await Json.ReadAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task responses_are_snake_case_json()
    {
        var seller = await api.CreateSellerAsync();
        var entity = seller.Entity;
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", Bodies.Invoice(seller), entity);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await Json.ReadAsync(response);
        Assert.True(body.ContainsKey("total_vat_amount"));
        Assert.True(body.ContainsKey("counterpart_billing_address"));
        Assert.False(body.ContainsKey("refs"));
        Assert.True(body["line_items"]![0]!.AsObject().ContainsKey("total_before_vat"));
        Assert.DoesNotContain(body, p => p.Key.Any(char.IsUpper));
        Assert.Equal("id", body.First().Key);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", body["created_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_unknown_field_in_a_body_is_422_with_the_detail_list_shape()
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables",
            """{"type":"invoice","currency":"EUR","counterpart_id":"0b1c4d5e-0000-4000-8000-000000000001","counterpart_billing_address_id":"0b1c4d5e-0000-4000-8000-000000000002","line_items":[],"colour":"red"}""", entity);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var item = Json.Detail(await Json.ReadAsync(response)).Single()!;
        Assert.Equal("body.colour", Json.Loc(item));
        Assert.Equal("extra fields not permitted", item["msg"]!.GetValue<string>());
        Assert.Equal("value_error.extra", item["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_unknown_field_in_a_nested_object_is_located_inside_it()
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables",
            """{"type":"invoice","currency":"EUR","counterpart_id":"0b1c4d5e-0000-4000-8000-000000000001","counterpart_billing_address_id":"0b1c4d5e-0000-4000-8000-000000000002","line_items":[{"quantity":1,"tax_rate_value":0,"product":{"name":"x","price":{"currency":"EUR","value":1},"sku":"1"}}]}""", entity);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("body.line_items.0.product.sku", Json.Loc(Json.Detail(await Json.ReadAsync(response)).Single()!));
    }

    [Fact]
    public async Task every_missing_required_field_is_listed()
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", """{"type":"invoice"}""", entity);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var locs = Json.Detail(await Json.ReadAsync(response)).Select(d => Json.Loc(d!)).ToHashSet();
        Assert.Equal(new HashSet<string> { "body.currency", "body.counterpart_id", "body.counterpart_billing_address_id", "body.line_items" }, locs);
    }

    [Theory]
    [InlineData("{\"type\": \"invoice\",")]
    [InlineData("not json at all")]
    [InlineData("{\"a\":1} trailing")]
    public async Task malformed_json_is_422_jsondecode(string raw)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", raw, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("value_error.jsondecode", Json.Detail(await Json.ReadAsync(response))[0]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("[]", "type_error.dict")]
    [InlineData("\"text\"", "type_error.dict")]
    [InlineData("{\"type\":\"invoice\",\"currency\":42}", "type_error")]
    [InlineData("{\"type\":\"bill\"}", "type_error")]
    public async Task a_body_of_the_wrong_type_is_422(string raw, string type)
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", raw, entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(type, Json.Detail(await Json.ReadAsync(response))[0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_empty_body_is_422_missing()
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", "", entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("body", Json.Loc(Json.Detail(await Json.ReadAsync(response))[0]!));
    }

    [Fact]
    public async Task a_body_over_the_size_limit_is_413_and_nothing_is_stored()
    {
        var entity = await api.CreateEntityAsync();
        var huge = "{\"type\":\"invoice\",\"memo\":\"" + new string('x', Api.RequestBody.MaxBytes) + "\"}";
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", huge, entity);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than", Json.Error(await Json.ReadAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_body_that_is_not_json_by_content_type_is_415()
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Post, "/v1/receivables", entityId: entity,
            configure: r => r.Content = new StringContent("type=invoice", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.NotEmpty(Json.Error(await Json.ReadAsync(response)));
    }

    [Fact]
    public async Task an_unknown_route_is_404_with_the_error_shape()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "/v1/no_such_thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEmpty(Json.Error(await Json.ReadAsync(response)));
    }

    [Fact]
    public async Task a_path_id_that_is_not_a_uuid_is_422()
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Delete, "/v1/receivables/12345", entityId: entity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("path.receivable_id", Json.Loc(Json.Detail(await Json.ReadAsync(response))[0]!));

        // GET takes GUIDs only (so that receivables/required_fields is never read as an id): anything else is no such route.
        using var get = await api.SendAsync(HttpMethod.Get, "/v1/receivables/12345", entityId: entity);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.NotEmpty(Json.Error(await Json.ReadAsync(get)));
    }

    [Fact]
    public async Task a_stale_if_match_is_412_with_the_error_shape()
    {
        var entity = await api.CreateEntityAsync();
        using var first = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{entity}", new { phone = "+49 1" });
        var etag = first.Headers.ETag!.Tag;
        using var second = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{entity}", new { phone = "+49 2" },
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        using var stale = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{entity}", new { phone = "+49 3" },
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.NotEmpty(Json.Error(await Json.ReadAsync(stale)));

        using var read = await api.SendAsync(HttpMethod.Get, $"/v1/entities/{entity}");
        Assert.Equal("+49 2", (await Json.ReadAsync(read))["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_business_conflict_is_409_with_the_error_shape()
    {
        var entity = await api.CreateEntityAsync();
        using var response = await api.SendAsync(HttpMethod.Patch, $"/v1/entities/{entity}", new { individual = new { first_name = "Jo" } });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("individual", Json.Error(await Json.ReadAsync(response)), StringComparison.Ordinal);
    }
}
