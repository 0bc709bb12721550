using Receivables.Reminders;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreatePaymentReminder = new(nameof(CreatePaymentReminder), "POST", "payment_reminders", RouteAccess.EntityScoped, PaymentReminderEndpoints.Create, idempotent: true);
    public static readonly ApiRoute ListPaymentReminders = new(nameof(ListPaymentReminders), "GET", "payment_reminders", RouteAccess.EntityScoped, PaymentReminderEndpoints.List);
    public static readonly ApiRoute GetPaymentReminder = new(nameof(GetPaymentReminder), "GET", "payment_reminders/{payment_reminder_id}", RouteAccess.EntityScoped, PaymentReminderEndpoints.Get);
    public static readonly ApiRoute UpdatePaymentReminder = new(nameof(UpdatePaymentReminder), "PATCH", "payment_reminders/{payment_reminder_id}", RouteAccess.EntityScoped, PaymentReminderEndpoints.Update);
    public static readonly ApiRoute DeletePaymentReminder = new(nameof(DeletePaymentReminder), "DELETE", "payment_reminders/{payment_reminder_id}", RouteAccess.EntityScoped, PaymentReminderEndpoints.Delete);

    public static readonly ApiRoute CreateOverdueReminder = new(nameof(CreateOverdueReminder), "POST", "overdue_reminders", RouteAccess.EntityScoped, OverdueReminderEndpoints.Create, idempotent: true);
    public static readonly ApiRoute ListOverdueReminders = new(nameof(ListOverdueReminders), "GET", "overdue_reminders", RouteAccess.EntityScoped, OverdueReminderEndpoints.List);
    public static readonly ApiRoute GetOverdueReminder = new(nameof(GetOverdueReminder), "GET", "overdue_reminders/{overdue_reminder_id}", RouteAccess.EntityScoped, OverdueReminderEndpoints.Get);
    public static readonly ApiRoute UpdateOverdueReminder = new(nameof(UpdateOverdueReminder), "PATCH", "overdue_reminders/{overdue_reminder_id}", RouteAccess.EntityScoped, OverdueReminderEndpoints.Update);
    public static readonly ApiRoute DeleteOverdueReminder = new(nameof(DeleteOverdueReminder), "DELETE", "overdue_reminders/{overdue_reminder_id}", RouteAccess.EntityScoped, OverdueReminderEndpoints.Delete);
}
