using Receivables.Domain.Access;
using Receivables.Reminders;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreatePaymentReminder = new(nameof(CreatePaymentReminder), "POST", "payment_reminders", RouteAccess.EntityScoped, PaymentReminderEndpoints.Create, idempotent: true,
        policy: RoutePolicy.Role(ObjectTypes.PaymentReminder, RoleAction.Create, Ownership.Creates));
    public static readonly ApiRoute ListPaymentReminders = new(nameof(ListPaymentReminders), "GET", "payment_reminders", RouteAccess.EntityScoped, PaymentReminderEndpoints.List,
        policy: RoutePolicy.Role(ObjectTypes.PaymentReminder, RoleAction.Read));
    public static readonly ApiRoute GetPaymentReminder = new(nameof(GetPaymentReminder), "GET", "payment_reminders/{payment_reminder_id}", RouteAccess.EntityScoped, PaymentReminderEndpoints.Get,
        policy: RoutePolicy.Role(ObjectTypes.PaymentReminder, RoleAction.Read));
    public static readonly ApiRoute UpdatePaymentReminder = new(nameof(UpdatePaymentReminder), "PATCH", "payment_reminders/{payment_reminder_id}", RouteAccess.EntityScoped, PaymentReminderEndpoints.Update,
        policy: RoutePolicy.Role(ObjectTypes.PaymentReminder, RoleAction.Update));
    public static readonly ApiRoute DeletePaymentReminder = new(nameof(DeletePaymentReminder), "DELETE", "payment_reminders/{payment_reminder_id}", RouteAccess.EntityScoped, PaymentReminderEndpoints.Delete,
        policy: RoutePolicy.Role(ObjectTypes.PaymentReminder, RoleAction.Delete));

    public static readonly ApiRoute CreateOverdueReminder = new(nameof(CreateOverdueReminder), "POST", "overdue_reminders", RouteAccess.EntityScoped, OverdueReminderEndpoints.Create, idempotent: true,
        policy: RoutePolicy.Role(ObjectTypes.OverdueReminder, RoleAction.Create, Ownership.Creates));
    public static readonly ApiRoute ListOverdueReminders = new(nameof(ListOverdueReminders), "GET", "overdue_reminders", RouteAccess.EntityScoped, OverdueReminderEndpoints.List,
        policy: RoutePolicy.Role(ObjectTypes.OverdueReminder, RoleAction.Read));
    public static readonly ApiRoute GetOverdueReminder = new(nameof(GetOverdueReminder), "GET", "overdue_reminders/{overdue_reminder_id}", RouteAccess.EntityScoped, OverdueReminderEndpoints.Get,
        policy: RoutePolicy.Role(ObjectTypes.OverdueReminder, RoleAction.Read));
    public static readonly ApiRoute UpdateOverdueReminder = new(nameof(UpdateOverdueReminder), "PATCH", "overdue_reminders/{overdue_reminder_id}", RouteAccess.EntityScoped, OverdueReminderEndpoints.Update,
        policy: RoutePolicy.Role(ObjectTypes.OverdueReminder, RoleAction.Update));
    public static readonly ApiRoute DeleteOverdueReminder = new(nameof(DeleteOverdueReminder), "DELETE", "overdue_reminders/{overdue_reminder_id}", RouteAccess.EntityScoped, OverdueReminderEndpoints.Delete,
        policy: RoutePolicy.Role(ObjectTypes.OverdueReminder, RoleAction.Delete));
}
