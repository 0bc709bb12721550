using Receivables.Domain.Access;
using Receivables.EntityUsers;
using Receivables.Api;
using Receivables.Domain;
using Receivables.Pdfs;
using Receivables.Store;

namespace Receivables.Documents;

/// <summary><c>/receivables</c>: parse, call one operation, shape the answer.</summary>
public static class ReceivableEndpoints
{
    private static ReceivableOperations Operations(ApiRequest request) => request.Service<ReceivableOperations>();

    /// <summary>A committed change's answer: the links are added when they can be, never failing the change.</summary>
    private static async Task<ApiResponse> Changed(ApiRequest request, Stored<Receivable> doc)
    {
        await request.Service<ReceivablePdfs>().TryLinkAsync(doc.Document, request.Aborted);
        return ApiResponse.Ok(doc.Document, doc.ETag);
    }

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateReceivableRequest>();
        var doc = await Operations(request).CreateAsync(request.Principal, request.EntityId, body, request.Aborted);
        return ApiResponse.Created(doc.Document, doc.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request) =>
        ApiResponse.Ok(await Operations(request).ListAsync(
            request.Service<ListReader>().FromQuery(request, ReceivableList.Definition, request.EntityListScope(RoleCheck.OwnerField(ObjectTypes.Receivable))), request.Aborted));

    public static async Task<ApiResponse> Search(ApiRequest request) =>
        ApiResponse.Ok(await Operations(request).ListAsync(
            await request.Service<ListReader>().FromBodyAsync(request, ReceivableList.Definition, request.EntityListScope(RoleCheck.OwnerField(ObjectTypes.Receivable))), request.Aborted));

    /// <summary><c>{file_url, original_file_url}</c>: a pending PDF is rendered first; a draft gets a marked preview (spec 3.11).</summary>
    public static async Task<ApiResponse> PdfLink(ApiRequest request) =>
        ApiResponse.Ok(await request.Service<ReceivablePdfs>().PdfLinkAsync(request.EntityId, request.PathId("receivable_id"), request.Aborted));

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var doc = await Operations(request).GetJsonAsync(request.EntityId, request.PathId("receivable_id"), request.Aborted);
        return ApiResponse.Ok(doc.Document, doc.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId("receivable_id");
        var body = await request.BodyAsync<UpdateReceivableRequest>();
        var doc = await Operations(request).UpdateAsync(request.Principal, request.EntityId, id, body, request.IfMatch, request.Aborted);
        return await Changed(request, doc);
    }

    public static async Task<ApiResponse> ReplaceLineItems(ApiRequest request)
    {
        var id = request.PathId("receivable_id");
        var body = await request.BodyAsync<UpdateLineItemsRequest>();
        var doc = await Operations(request).ReplaceLinesAsync(request.Principal, request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(new LineItemsResponse(doc.Document.LineItems), doc.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await Operations(request).DeleteAsync(request.EntityId, request.PathId("receivable_id"), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }

    public static async Task<ApiResponse> Clone(ApiRequest request)
    {
        var doc = await Operations(request).CloneAsync(request.Principal, request.EntityId, request.PathId("receivable_id"), request.Aborted);
        return ApiResponse.Created(doc.Document, doc.ETag);
    }

    public static async Task<ApiResponse> Verify(ApiRequest request) =>
        ApiResponse.Ok(await Operations(request).VerifyAsync(request.EntityId, request.PathId("receivable_id"), request.Aborted));

    public static async Task<ApiResponse> Issue(ApiRequest request)
    {
        var doc = await Operations(request).IssueAsync(request.Principal, request.EntityId, request.PathId("receivable_id"), request.IfMatch, request.Aborted);
        return await Changed(request, doc);
    }

    public static async Task<ApiResponse> MarkAsPaid(ApiRequest request)
    {
        var id = request.PathId("receivable_id");
        var body = await request.OptionalBodyAsync<MarkAsPaidRequest>();
        var doc = await Operations(request).MarkAsPaidAsync(request.Principal, request.EntityId, id, body, request.IfMatch, request.Aborted);
        return await Changed(request, doc);
    }

    public static async Task<ApiResponse> MarkAsPartiallyPaid(ApiRequest request)
    {
        var id = request.PathId("receivable_id");
        var body = await request.BodyAsync<MarkAsPartiallyPaidRequest>();
        var doc = await Operations(request).MarkAsPartiallyPaidAsync(request.Principal, request.EntityId, id, body, request.IfMatch, request.Aborted);
        return await Changed(request, doc);
    }

    public static async Task<ApiResponse> MarkAsUncollectible(ApiRequest request)
    {
        var id = request.PathId("receivable_id");
        var body = await request.OptionalBodyAsync<CommentRequest>();
        var doc = await Operations(request).MarkAsUncollectibleAsync(request.Principal, request.EntityId, id, body, request.IfMatch, request.Aborted);
        return await Changed(request, doc);
    }

    /// <summary>204 with no body (spec 3.13).</summary>
    public static async Task<ApiResponse> Cancel(ApiRequest request)
    {
        await Operations(request).CancelAsync(request.Principal, request.EntityId, request.PathId("receivable_id"), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }

    /// <summary><c>{"success": true}</c>, not the document (spec 3.14).</summary>
    public static async Task<ApiResponse> Accept(ApiRequest request)
    {
        var id = request.PathId("receivable_id");
        var body = await request.OptionalBodyAsync<AcceptQuoteRequest>();
        await Operations(request).AcceptAsync(request.Principal, request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(new SuccessResponse(true));
    }

    public static async Task<ApiResponse> Decline(ApiRequest request)
    {
        var id = request.PathId("receivable_id");
        var body = await request.OptionalBodyAsync<CommentRequest>();
        await Operations(request).DeclineAsync(request.Principal, request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(new SuccessResponse(true));
    }

    public static async Task<ApiResponse> RequiredFields(ApiRequest request)
    {
        var counterpartId = QueryGuid(request, "counterpart_id");
        var addressId = QueryGuid(request, "counterpart_billing_address_id");
        var country = request.Query("counterpart_country");
        if (country is not null && !Codes.Countries.Contains(country))
            throw ValidationException.Of(["query", "counterpart_country"], "value is not a valid enumeration member (ISO 3166-1 alpha-2)", "type_error.enum");
        bool? organization = request.Query("counterpart_type") switch
        {
            null => null,
            "organization" => true,
            "individual" => false,
            _ => throw ValidationException.Of(["query", "counterpart_type"], "value is not a valid enumeration member; permitted: 'individual', 'organization'", "type_error.enum"),
        };
        if (addressId is not null && counterpartId is null)
            throw ValidationException.Of(["query", "counterpart_billing_address_id"], "counterpart_billing_address_id needs counterpart_id", "value_error");
        QueryGuid(request, "entity_vat_id_id");
        QueryGuid(request, "counterpart_vat_id_id");
        return ApiResponse.Ok(await Operations(request).RequiredFieldsAsync(request.EntityId, counterpartId, addressId, country, organization, request.Aborted));
    }

    private static Guid? QueryGuid(ApiRequest request, string name)
    {
        var raw = request.Query(name);
        if (raw is null) return null;
        return Guid.TryParse(raw, out var id) ? id : throw ValidationException.Of(["query", name], "value is not a valid uuid", "type_error.uuid");
    }
}

public sealed record LineItemsResponse(List<ResponseItem> Data);
