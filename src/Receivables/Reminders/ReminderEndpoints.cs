using Receivables.Api;

namespace Receivables.Reminders;

/// <summary><c>/payment_reminders</c>: parse, call one operation, shape the answer.</summary>
public static class PaymentReminderEndpoints
{
    private const string IdName = "payment_reminder_id";

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreatePaymentReminderRequest>();
        var reminder = await request.Service<ReminderOperations>().CreatePaymentAsync(request.EntityId, body, request.Aborted);
        return ApiResponse.Created(PaymentReminderResponse.From(reminder.Document), reminder.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var reminders = await request.Service<ReminderOperations>().ListAsync<PaymentReminder>(request.EntityId, request.Aborted);
        return ApiResponse.Ok(new ReminderList<PaymentReminderResponse>(reminders.Select(PaymentReminderResponse.From).ToList()));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var reminder = await request.Service<ReminderOperations>().GetAsync<PaymentReminder>(request.EntityId, request.PathId(IdName), request.Aborted);
        return ApiResponse.Ok(PaymentReminderResponse.From(reminder.Document), reminder.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId(IdName);
        var body = await request.BodyAsync<UpdatePaymentReminderRequest>();
        var reminder = await request.Service<ReminderOperations>().UpdatePaymentAsync(request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(PaymentReminderResponse.From(reminder.Document), reminder.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<ReminderOperations>().DeleteAsync<PaymentReminder>(request.EntityId, request.PathId(IdName), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }
}

/// <summary><c>/overdue_reminders</c>: parse, call one operation, shape the answer (the stored reminder is the response).</summary>
public static class OverdueReminderEndpoints
{
    private const string IdName = "overdue_reminder_id";

    public static async Task<ApiResponse> Create(ApiRequest request)
    {
        var body = await request.BodyAsync<CreateOverdueReminderRequest>();
        var reminder = await request.Service<ReminderOperations>().CreateOverdueAsync(request.EntityId, body, request.Aborted);
        return ApiResponse.Created(reminder.Document, reminder.ETag);
    }

    public static async Task<ApiResponse> List(ApiRequest request)
    {
        var reminders = await request.Service<ReminderOperations>().ListAsync<OverdueReminder>(request.EntityId, request.Aborted);
        return ApiResponse.Ok(new ReminderList<OverdueReminder>(reminders));
    }

    public static async Task<ApiResponse> Get(ApiRequest request)
    {
        var reminder = await request.Service<ReminderOperations>().GetAsync<OverdueReminder>(request.EntityId, request.PathId(IdName), request.Aborted);
        return ApiResponse.Ok(reminder.Document, reminder.ETag);
    }

    public static async Task<ApiResponse> Update(ApiRequest request)
    {
        var id = request.PathId(IdName);
        var body = await request.BodyAsync<UpdateOverdueReminderRequest>();
        var reminder = await request.Service<ReminderOperations>().UpdateOverdueAsync(request.EntityId, id, body, request.IfMatch, request.Aborted);
        return ApiResponse.Ok(reminder.Document, reminder.ETag);
    }

    public static async Task<ApiResponse> Delete(ApiRequest request)
    {
        await request.Service<ReminderOperations>().DeleteAsync<OverdueReminder>(request.EntityId, request.PathId(IdName), request.IfMatch, request.Aborted);
        return ApiResponse.NoContent();
    }
}
