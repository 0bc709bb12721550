using Receivables.Api;
using Receivables.Documents;
using Receivables.Domain.Payments;
using Receivables.Payments;
using Receivables.Store;

namespace Receivables.PaymentLinks;

/// <summary>
/// Payment links for receivable invoices (spec 6.8). A link and its invoice change together: the invoice takes the
/// link's <c>payment_page_url</c>, a new PDF revision (its QR code now points to the page) and the link's claim on the
/// amount to pay, in the same batch as the link itself, so neither exists without the other.
/// </summary>
public sealed partial class PaymentLinkOperations(DocumentStore store, TimeProvider clock, IPaymentProvider provider, Pdfs.ReceivablePdfs pdfs)
{
    public static ResourceNotFoundException NotFound(Guid id) => new($"Payment link {id} was not found");

    /// <summary>
    /// One read (the invoice), one batch (link + invoice). <paramref name="pageBase"/> is where payment pages are served.
    /// </summary>
    public async Task<Stored<PaymentLink>> CreateAsync(Guid entityId, CreatePaymentLinkRequest request, Uri pageBase, CancellationToken ct)
    {
        if (request.Recipient!.Id != entityId)
            throw ValidationException.Of(["body", "recipient", "id"], "the recipient of a receivable's payment link is the entity that issued it (x-monite-entity-id)", "value_error.recipient");
        var enabled = await provider.EnabledMethodsAsync(entityId, ct);
        var refused = request.PaymentMethods!
            .Select((method, index) => (method, index))
            .Where(m => m.method != PaymentMethod.SepaCredit && !enabled.Contains(m.method))
            .Select(m => new ValidationIssue(["body", "payment_methods", m.index], $"payment method {Wire(m.method)} is not enabled for this entity (no payment provider is configured for it)", "value_error.payment_method_not_enabled"))
            .ToList();
        if (refused.Count > 0) throw new ValidationException(refused);

        var invoiceId = request.PaidObject!.Id!.Value;
        var linkId = PaymentPageId.NewLinkId();
        var pageUrl = PageUrl(pageBase, entityId, invoiceId, linkId);
        Invoice? written = null;
        string? writtenETag = null;
        var created = await store.DecideAndCommitAsync(entityId, invoiceId.ToString(), null, [invoiceId.ToString()], set =>
        {
            var current = DocumentStore.Typed<Receivable>(set, invoiceId.ToString(), Receivable.ResourceName) ?? throw ReceivableOperations.NotFound(invoiceId);
            if (current.Document is not Invoice invoice)
                throw new BusinessRuleException($"Cannot create a payment link for this {current.Document.Type.Wire().Replace('_', ' ')}: payment links are for invoices");
            if (!PaymentLinkRules.TakesLinks(invoice.Status))
                throw new BusinessRuleException($"Cannot create a payment link for this invoice: it is {invoice.Status.Wire()}; payment links are for issued, overdue and partially paid invoices");
            RequireSepaCredit(request, invoice);

            var now = clock.GetUtcNow();
            var amountToPay = ReceivableOperations.AmountToPayOf(invoice, DateOnly.FromDateTime(now.UtcDateTime));
            invoice.PaymentLinkClaims.RemoveAll(c => c.ExpiresAt <= now);
            var available = PaymentLinkRules.Available(amountToPay, invoice.PaymentLinkClaims, now);
            if (request.Amount is { } asked && asked > available)
                throw ValidationException.Of(["body", "amount"], $"amount {asked} exceeds what is left to ask for: amount_to_pay {amountToPay} less {amountToPay - available} asked for by active payment links is {available}", "value_error.number.not_le");
            if (available == 0)
                throw new BusinessRuleException("Nothing is left to ask for by a new payment link: active payment links of this invoice already ask for its whole amount to pay; expire one first");
            if (invoice.PaymentLinkClaims.Count >= PaymentLinkRules.MaxActiveLinks)
                throw new BusinessRuleException($"This invoice has {PaymentLinkRules.MaxActiveLinks} active payment links, the most it may have; expire one first");
            var expiresAt = request.ExpiresAt?.ToUniversalTime() ?? PaymentLinkRules.DefaultExpiry(invoice.DueDate, now);
            if (PaymentLinkRules.CheckExpiry(expiresAt, now) is { } wrong) throw ValidationException.Of(["body", "expires_at"], wrong, "value_error.expires_at");

            var link = NewLink(entityId, linkId, invoice, request, request.Amount ?? available, expiresAt, pageUrl, now);
            invoice.PaymentLinkClaims.Add(new PaymentLinkClaim(linkId, link.Amount, expiresAt));
            invoice.PaymentPageUrl = pageUrl;
            // The PDF's QR code points to the payment page from now on: a new revision, rendered once this batch commits.
            invoice.Pdf.Revise();
            invoice.UpdatedAt = now;
            written = invoice;
            return Task.FromResult(new BatchPlan<Stored<PaymentLink>>([new CreateWrite(link), new ReplaceWrite(invoice, current.ETag)], etags =>
            {
                writtenETag = etags[1];
                return new(link, etags[0]);
            }));
        }, ct);

        // The new revision (its QR code now opens the payment page) is rendered once the batch has committed, within issue's
        // budget; what fails is rendered by the next pdf_link or the PDF sweep, and the link stands either way.
        if (written is not null && writtenETag is not null) await pdfs.TryRenderAfterChangeAsync(new Stored<Receivable>(written, writtenETag), null, ct);
        return created;
    }

    /// <summary>Two point reads: the link, then its invoice (for the status it reports now).</summary>
    public async Task<Stored<PaymentLink>> GetAsync(Guid entityId, Guid linkId, CancellationToken ct)
    {
        var link = await store.ReadAsync<PaymentLink>(entityId, linkId.ToString(), PaymentLink.ResourceName, ct) ?? throw NotFound(linkId);
        var invoice = await store.ReadAsync<Receivable>(entityId, link.Document.InvoiceId.ToString(), Receivable.ResourceName, ct);
        Report(link.Document, invoice?.Document);
        return link;
    }

    /// <summary>
    /// Ends the link for good and releases its claim on the invoice, in one batch (link + invoice). A link already expired
    /// is answered as it is; a succeeded one (its invoice is paid) cannot be expired.
    /// </summary>
    public async Task<Stored<PaymentLink>> ExpireAsync(Guid entityId, Guid linkId, CancellationToken ct)
    {
        var first = await store.ReadAsync<PaymentLink>(entityId, linkId.ToString(), PaymentLink.ResourceName, ct) ?? throw NotFound(linkId);
        var invoiceId = first.Document.InvoiceId.ToString();
        return await store.DecideAndCommitAsync(entityId, linkId.ToString(), null, [linkId.ToString(), invoiceId], set =>
        {
            var current = DocumentStore.Typed<PaymentLink>(set, linkId.ToString(), PaymentLink.ResourceName) ?? throw NotFound(linkId);
            var link = current.Document;
            var stored = DocumentStore.Typed<Receivable>(set, invoiceId, Receivable.ResourceName);
            var now = clock.GetUtcNow();
            var status = Report(link, stored?.Document);
            if (status == PaymentLinkStatus.Succeeded)
                throw new BusinessRuleException("Cannot expire this payment link: it is succeeded (its invoice is paid)");
            var writes = new List<BatchWrite>();
            if (!link.ExpiredByRequest)
            {
                link.ExpiredByRequest = true;
                link.Status = PaymentLinkStatus.Expired;
                writes.Add(new ReplaceWrite(link, current.ETag));
                if (stored?.Document is Invoice invoice && invoice.PaymentLinkClaims.RemoveAll(c => c.LinkId == linkId) > 0)
                {
                    invoice.UpdatedAt = now;
                    writes.Add(new ReplaceWrite(invoice, stored.ETag));
                }
            }
            return Task.FromResult(new BatchPlan<Stored<PaymentLink>>(writes, etags => new(link, etags.Count > 0 ? etags[0] : current.ETag)));
        }, ct);
    }

    /// <summary>
    /// What the public page shows: the link and its invoice in one read of one partition (the page id names both), or null
    /// when the page id names nothing (unknown, another invoice's link, a tampered id).
    /// </summary>
    public async Task<PaymentPageView?> PageAsync(string? pageId, CancellationToken ct)
    {
        if (PaymentPageId.Decode(pageId) is not var (entityId, invoiceId, linkId)) return null;
        var set = await store.ReadSetAsync(entityId, [linkId.ToString(), invoiceId.ToString()], ct);
        var link = DocumentStore.Typed<PaymentLink>(set, linkId.ToString(), PaymentLink.ResourceName)?.Document;
        if (link is null || link.InvoiceId != invoiceId) return null;
        if (DocumentStore.Typed<Receivable>(set, invoiceId.ToString(), Receivable.ResourceName)?.Document is not Invoice invoice) return null;
        var now = clock.GetUtcNow();
        var status = Report(link, invoice);
        if (status != PaymentLinkStatus.Created) return new PaymentPageView(link, invoice, status, 0, null);
        // Never more than is still to pay: a payment or credit note since the link was made lowers it.
        var amount = Math.Min(link.Amount, ReceivableOperations.AmountToPayOf(invoice, DateOnly.FromDateTime(now.UtcDateTime)));
        // The PDF in the payer's language (file_url), while the current revision's files exist; the link is hidden otherwise.
        var facts = Pdfs.PdfFacts.Of(invoice);
        var pdfUrl = facts.HasFiles ? Pdfs.ReceivablePdfs.Links(await pdfs.SignerAsync(ct), facts).FileUrl is { } url ? new Uri(url) : null : null;
        return new PaymentPageView(link, invoice, status, amount, pdfUrl);
    }

    /// <summary>Sets the status the link reports now, from its invoice as it is (a missing invoice ends the link).</summary>
    private PaymentLinkStatus Report(PaymentLink link, Receivable? invoice)
    {
        link.Status = invoice is null
            ? PaymentLinkStatus.Expired
            : PaymentLinkRules.StatusOf(link.ExpiredByRequest, link.ExpiresAt, invoice.Status, clock.GetUtcNow());
        return link.Status;
    }

    /// <summary>sepa_credit is a bank transfer in euro to the IBAN the invoice names: both must be there for the link to work.</summary>
    private static void RequireSepaCredit(CreatePaymentLinkRequest request, Invoice invoice)
    {
        var index = request.PaymentMethods!.IndexOf(PaymentMethod.SepaCredit);
        if (index < 0) return;
        if (invoice.Currency != "EUR")
            throw ValidationException.Of(["body", "payment_methods", index], $"sepa_credit transfers euro; this invoice is in {invoice.Currency}", "value_error.payment_method_currency");
        if (string.IsNullOrWhiteSpace(invoice.EntityBankAccount?.Iban))
            throw ValidationException.Of(["body", "payment_methods", index], "sepa_credit needs an IBAN: the invoice's entity bank account has none", "value_error.payment_method_bank_account");
    }

    public static string PageUrl(Uri pageBase, Guid entityId, Guid invoiceId, Guid linkId) =>
        $"{pageBase.GetLeftPart(UriPartial.Authority)}{ApiRoutes.Prefix}/{ApiRoutes.PaymentPagePath}/{PaymentPageId.Encode(entityId, invoiceId, linkId)}";

    private static PaymentLink NewLink(Guid entityId, Guid linkId, Invoice invoice, CreatePaymentLinkRequest request, long amount, DateTimeOffset expiresAt, string pageUrl, DateTimeOffset now)
    {
        var paid = new PaymentLinkObject(Guid.Parse(invoice.Id), PaymentObjectType.Receivable);
        var intentId = Guid.NewGuid();
        var bank = invoice.EntityBankAccount;
        return new PaymentLink
        {
            Id = linkId.ToString(), EntityId = entityId, Resource = PaymentLink.ResourceName, CreatedAt = now,
            Amount = amount, Currency = invoice.Currency, ExpiresAt = expiresAt,
            PaymentIntentId = intentId,
            PaymentIntent = new PaymentIntentResponse(intentId, now, "created", paid, null, null, null),
            PaymentMethods = request.PaymentMethods!, PaymentPageUrl = pageUrl,
            PaymentReference = invoice.DocumentId,
            Recipient = new RecipientAccount(entityId, PaymentAccountType.Entity, EntityName(invoice.Entity),
                bank is null ? [] : [new RecipientBankAccount(bank.Id, bank.AccountHolderName, bank.AccountNumber, bank.Bic, null, invoice.Currency, bank.BankName, bank.Iban, true, null, bank.RoutingNumber, bank.SortCode, null)]),
            ReturnUrl = request.ReturnUrl, Status = PaymentLinkStatus.Created, PaidObject = paid,
        };
    }

    /// <summary>An organization's legal name, or an individual's first and last name.</summary>
    public static string? EntityName(EntitySnapshot entity) =>
        entity.Name ?? (string.Join(' ', new[] { entity.FirstName, entity.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } full ? full : null);

    private static string Wire(PaymentMethod method) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(method.ToString());

}

/// <summary>What the payment page shows; <see cref="AmountToPay"/> and <see cref="PdfUrl"/> only while the link is usable.</summary>
public sealed record PaymentPageView(PaymentLink Link, Invoice Invoice, PaymentLinkStatus Status, long AmountToPay, Uri? PdfUrl);
