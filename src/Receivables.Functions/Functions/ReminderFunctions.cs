using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Receivables.Api;

namespace Receivables.Functions;

public sealed class ReminderFunctions(ReceivablesApi api)
{
    [Function(nameof(ApiRoutes.CreatePaymentReminder))]
    public Task<IActionResult> CreatePaymentReminder([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "payment_reminders")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreatePaymentReminder, req);

    [Function(nameof(ApiRoutes.ListPaymentReminders))]
    public Task<IActionResult> ListPaymentReminders([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payment_reminders")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListPaymentReminders, req);

    [Function(nameof(ApiRoutes.GetPaymentReminder))]
    public Task<IActionResult> GetPaymentReminder([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payment_reminders/{payment_reminder_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetPaymentReminder, req);

    [Function(nameof(ApiRoutes.UpdatePaymentReminder))]
    public Task<IActionResult> UpdatePaymentReminder([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "payment_reminders/{payment_reminder_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdatePaymentReminder, req);

    [Function(nameof(ApiRoutes.DeletePaymentReminder))]
    public Task<IActionResult> DeletePaymentReminder([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "payment_reminders/{payment_reminder_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeletePaymentReminder, req);

    [Function(nameof(ApiRoutes.CreateOverdueReminder))]
    public Task<IActionResult> CreateOverdueReminder([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "overdue_reminders")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.CreateOverdueReminder, req);

    [Function(nameof(ApiRoutes.ListOverdueReminders))]
    public Task<IActionResult> ListOverdueReminders([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "overdue_reminders")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.ListOverdueReminders, req);

    [Function(nameof(ApiRoutes.GetOverdueReminder))]
    public Task<IActionResult> GetOverdueReminder([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "overdue_reminders/{overdue_reminder_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.GetOverdueReminder, req);

    [Function(nameof(ApiRoutes.UpdateOverdueReminder))]
    public Task<IActionResult> UpdateOverdueReminder([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "overdue_reminders/{overdue_reminder_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.UpdateOverdueReminder, req);

    [Function(nameof(ApiRoutes.DeleteOverdueReminder))]
    public Task<IActionResult> DeleteOverdueReminder([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "overdue_reminders/{overdue_reminder_id}")] HttpRequest req) =>
        api.HandleAsync(ApiRoutes.DeleteOverdueReminder, req);
}
