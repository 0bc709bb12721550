using Receivables.Domain.Access;
using Receivables.PaymentTerms;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    public static readonly ApiRoute CreatePaymentTerms = new(nameof(CreatePaymentTerms), "POST", "payment_terms", RouteAccess.EntityScoped, PaymentTermsEndpoints.Create, idempotent: true, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Update));
    public static readonly ApiRoute ListPaymentTerms = new(nameof(ListPaymentTerms), "GET", "payment_terms", RouteAccess.EntityScoped, PaymentTermsEndpoints.List, policy: RoutePolicy.AnyUser);
    public static readonly ApiRoute GetPaymentTerms = new(nameof(GetPaymentTerms), "GET", "payment_terms/{payment_terms_id}", RouteAccess.EntityScoped, PaymentTermsEndpoints.Get, policy: RoutePolicy.AnyUser);
    public static readonly ApiRoute UpdatePaymentTerms = new(nameof(UpdatePaymentTerms), "PATCH", "payment_terms/{payment_terms_id}", RouteAccess.EntityScoped, PaymentTermsEndpoints.Update, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Update));
    public static readonly ApiRoute DeletePaymentTerms = new(nameof(DeletePaymentTerms), "DELETE", "payment_terms/{payment_terms_id}", RouteAccess.EntityScoped, PaymentTermsEndpoints.Delete, policy: RoutePolicy.Role(ObjectTypes.Entity, RoleAction.Update));
}
