using Receivables.Domain.Access;
using Receivables.PaymentLinks;

namespace Receivables.Api;

public static partial class ApiRoutes
{
    /// <summary>Where the hosted payment pages are, under <see cref="Prefix"/>: <c>payment_page_url</c> is built on it.</summary>
    public const string PaymentPagePath = "payment_pages";

    public static readonly ApiRoute CreatePaymentLink = new(nameof(CreatePaymentLink), "POST", "payment_links", RouteAccess.EntityScoped, PaymentLinkEndpoints.Create, idempotent: true, policy: RoutePolicy.Role(ObjectTypes.Receivable, RoleAction.Update, Ownership.Unknown));
    public static readonly ApiRoute GetPaymentLink = new(nameof(GetPaymentLink), "GET", "payment_links/{payment_link_id}", RouteAccess.EntityScoped, PaymentLinkEndpoints.Get, policy: RoutePolicy.Role(ObjectTypes.Receivable, RoleAction.Read, Ownership.Unknown));
    public static readonly ApiRoute ExpirePaymentLink = new(nameof(ExpirePaymentLink), "POST", "payment_links/{payment_link_id}/expire", RouteAccess.EntityScoped, PaymentLinkEndpoints.Expire, policy: RoutePolicy.Role(ObjectTypes.Receivable, RoleAction.Update, Ownership.Unknown));
    // The page a payer opens from the link: no token, no API headers; the id in the path is the capability.
    public static readonly ApiRoute GetPaymentPage = new(nameof(GetPaymentPage), "GET", PaymentPagePath + "/{payment_page_id}", RouteAccess.Page, PaymentLinkEndpoints.Page);
}
