using Receivables.Domain.Access;
using Receivables.Payments;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreatePaymentRecord = new(nameof(CreatePaymentRecord), "POST", "payment_records", RouteAccess.EntityScoped, PaymentRecordEndpoints.Create, idempotent: true, policy: RoutePolicy.Role(ObjectTypes.PaymentRecord, RoleAction.Create, Ownership.Creates));
    public static readonly ApiRoute ListPaymentRecords = new(nameof(ListPaymentRecords), "GET", "payment_records", RouteAccess.EntityScoped, PaymentRecordEndpoints.List, policy: RoutePolicy.Role(ObjectTypes.PaymentRecord, RoleAction.Read, Ownership.Filtered));
    public static readonly ApiRoute GetPaymentRecord = new(nameof(GetPaymentRecord), "GET", "payment_records/{payment_record_id}", RouteAccess.EntityScoped, PaymentRecordEndpoints.Get, policy: RoutePolicy.Own(ObjectTypes.PaymentRecord, RoleAction.Read, "payment_record_id"));
}
