using Receivables.Api;

namespace Receivables.Counterparts;

/// <summary><c>/counterparts/{counterpart_id}/contacts</c>: the ETag is the counterpart document's, which holds the contacts.</summary>
public static class CounterpartContactEndpoints
{
    /// <summary>200, not 201: the OpenAPI declares 200 for this create.</summary>
    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var id = request.PathId("counterpart_id");
        var body = await request.BodyAsync<CreateCounterpartContactRequest>();
        var contact = await request.Service<CounterpartOperations>().AddContactAsync(request.EntityId, id, body, request.Aborted);
        return ApiResponse.Ok(Shape(contact), contact.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var id = request.PathId("counterpart_id");
        var contacts = await request.Service<CounterpartOperations>().ListContactsAsync(request.EntityId, id, request.Aborted);
        return ApiResponse.Ok(new ResourceList<CounterpartContactResponse>(contacts.Select(c => CounterpartContactResponse.From(id, c)).ToList()));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var contact = await request.Service<CounterpartOperations>()
            .GetContactAsync(request.EntityId, request.PathId("counterpart_id"), request.PathId("contact_id"), request.Aborted);
        return ApiResponse.Ok(Shape(contact), contact.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var (id, contactId) = (request.PathId("counterpart_id"), request.PathId("contact_id"));
        var body = await request.BodyAsync<UpdateCounterpartContactRequest>();
        var contact = await request.Service<CounterpartOperations>().UpdateContactAsync(request.EntityId, id, contactId, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(Shape(contact), contact.ETag);
    }

    public static async Task<ApiResponse> MakeDefault(ApiRequest request)
    {
        var contact = await request.Service<CounterpartOperations>()
            .MakeDefaultContactAsync(request.EntityId, request.PathId("counterpart_id"), request.PathId("contact_id"), request.Aborted);
        return ApiResponse.Ok(Shape(contact), contact.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<CounterpartOperations>()
            .DeleteContactAsync(request.EntityId, request.PathId("counterpart_id"), request.PathId("contact_id"), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }

    private static CounterpartContactResponse Shape(StoredPart<CounterpartContact> contact) => CounterpartContactResponse.From(contact.CounterpartId, contact.Part);
}
