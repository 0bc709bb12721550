using Receivables.Api;
using Receivables.Entities;
using Receivables.History;
using Receivables.Store;

namespace Receivables.Documents;

/// <summary>PATCH envelopes, PUT line_items, DELETE and clone (spec 3.5-3.8).</summary>
public sealed partial class ReceivableOperations
{
    private static readonly ReceivableStatus[] IssuedFamily = [ReceivableStatus.Issued, ReceivableStatus.PartiallyPaid, ReceivableStatus.Overdue, ReceivableStatus.Paid, ReceivableStatus.Uncollectible, ReceivableStatus.Canceled];

    /// <summary>
    /// Read, resolve what the change references, apply, write back if unchanged meanwhile; on a lost race do it
    /// again from a fresh read. With the client's If-Match a stale version is 412 at once.
    /// </summary>
    private async Task<Stored<Receivable>> ChangeAsync(Guid? actor, Guid entityId, Guid id, string? ifMatch,
        Func<Receivable, ReferenceNeeds> references, Action<Receivable, ReferenceSet> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.ReadAsync<Receivable>(entityId, id.ToString(), Receivable.ResourceName, ct) ?? throw NotFound(id);
            if (ifMatch is not null && !ETags.Same(ifMatch, current.ETag))
                throw new StaleVersionException($"receivable {id} has changed since the version in If-Match");
            var needs = references(current.Document);
            var refs = await ReferenceSet.LoadAsync(store, entityId, needs.Ids, ct, needs.MeasureUnits, needs.Entity);
            var doc = current.Document;
            var before = doc.Status;
            change(doc, refs);
            var now = clock.GetUtcNow();
            // An edited issued invoice (non-compliant mode): the builder recomputed what it asks for; the status and
            // amount_to_pay (whose early-payment discount needs the clock) follow here.
            if (doc is Invoice { IsDraft: false } invoice)
                Apply(invoice, AccountOf(invoice).Reprice(invoice.AmountPaid + invoice.AmountDue, invoice.TotalAmountWithCreditNotes, now, DateOnly.FromDateTime(now.UtcDateTime)), now);
            // An issued document edited (non-compliant mode) prints differently: a new PDF revision, the old file stays.
            if (!doc.IsDraft) doc.Pdf.Revise();
            doc.UpdatedAt = now;
            try
            {
                List<BatchWrite> writes = [new ReplaceWrite(doc, current.ETag), new CreateWrite(ReceivableHistoryRecord.Updated(doc, actor, now))];
                if (before != doc.Status) writes.Add(new CreateWrite(ReceivableHistoryRecord.StatusChanged(doc, before, doc.Status, actor, now)));
                var etags = await store.CommitAsync(entityId, writes, ct);
                return new Stored<Receivable>(doc, etags[0]);
            }
            catch (ConcurrencyConflictException e) when (ifMatch is not null)
            {
                throw new StaleVersionException(e.Message);
            }
            catch (ConcurrencyConflictException)
            {
                if (attempt >= Contention.MaxAttempts) throw Contention.Exhausted($"receivable {id}", id.ToString());
                await Contention.BackoffAsync(attempt, ct);
            }
        }
    }

    public Task<Stored<Receivable>> UpdateAsync(Auth.ApiPrincipal principal, Guid entityId, Guid id, UpdateReceivableRequest request, string? ifMatch, CancellationToken ct) =>
        ChangeAsync(principal.EntityUserId, entityId, id, ifMatch, doc => UpdateReferences(doc, request), (doc, refs) =>
        {
            switch (doc)
            {
                case Invoice invoice when request.Invoice is { } envelope:
                    RequireDraft(invoice, "invoice");
                    ApplyDraft(invoice, envelope, refs);
                    invoice.FulfillmentDate = envelope.FulfillmentDate ?? invoice.FulfillmentDate;
                    invoice.PaymentPageUrl = envelope.PaymentPageUrl ?? invoice.PaymentPageUrl;
                    ReceivableBuilder.ApplyReminders(invoice, refs, envelope.PaymentReminderId, envelope.OverdueReminderId);
                    if (envelope.PaymentTerms is not null || envelope.PaymentTermsId is not null)
                    {
                        invoice.PaymentTerms = ReceivableBuilder.PaymentTerms(refs, envelope.PaymentTermsId, envelope.PaymentTerms);
                        invoice.Refs.PaymentTermsId = envelope.PaymentTermsId;
                    }
                    break;
                case Quote quote when request.Quote is { } envelope:
                    RequireDraft(quote, "quote");
                    ApplyDraft(quote, envelope, refs);
                    quote.ExpiryDate = envelope.ExpiryDate ?? quote.ExpiryDate;
                    quote.QuoteAcceptPageUrl = envelope.QuoteAcceptPageUrl ?? quote.QuoteAcceptPageUrl;
                    quote.SignatureRequired = envelope.SignatureRequired ?? quote.SignatureRequired;
                    break;
                case CreditNote creditNote when request.CreditNote is { } envelope:
                    RequireDraft(creditNote, "credit_note");
                    ApplyCreditNote(creditNote, envelope, refs);
                    break;
                case Invoice invoice when request.IssuedInvoice is { } envelope:
                    ApplyIssued(invoice, envelope, refs);
                    break;
                default:
                    throw new BusinessRuleException($"This {doc.Type.Wire()} cannot be updated with the {EnvelopeName(request)} envelope; use the {doc.Type.Wire()} envelope{(doc.Type == ReceivableType.Invoice ? " (issued_invoice once issued)" : "")}");
            }
            ReceivableBuilder.Recompute(doc);
        }, ct);

    private static string EnvelopeName(UpdateReceivableRequest r) =>
        r.Invoice is not null ? "invoice" : r.Quote is not null ? "quote" : r.CreditNote is not null ? "credit_note" : "issued_invoice";

    private static void RequireDraft(Receivable doc, string envelope)
    {
        if (!doc.IsDraft)
            throw new BusinessRuleException(doc is Invoice
                ? $"This invoice is {doc.Status.Wire()}; only drafts take the {envelope} envelope (use issued_invoice)"
                : $"This {doc.Type.Wire()} is {doc.Status.Wire()}; only drafts can be edited");
    }

    /// <summary>
    /// What an update must read besides the document, in one ReadMany: only what its fields name. Plain fields (a memo,
    /// metadata, dates) need nothing, and then the update is one read and one write.
    /// </summary>
    private static ReferenceNeeds UpdateReferences(Receivable doc, UpdateReceivableRequest r)
    {
        var ids = new List<Guid?>();
        var entity = false;
        if (((UpdateDraft?)r.Invoice ?? r.Quote) is { } d)
        {
            if (d.CounterpartId is not null || d.CounterpartBillingAddressId is not null || d.CounterpartShippingAddressId is not null
                || d.CounterpartVatIdId is not null || d.ContactId is not null)
                ids.Add(d.CounterpartId ?? doc.CounterpartId);
            ids.Add(d.PaymentTermsId);
            if (d is UpdateInvoice draftInvoice) ids.AddRange([draftInvoice.PaymentReminderId, draftInvoice.OverdueReminderId]);
            ids.Add(d.EntityBankAccountId);
            ids.Add(d.EntityVatIdId);
            ids.AddRange((d.LineItems ?? []).Select(l => l.CustomVatRateId));
            // document_id depends on the entity's edit flow; a line's new VAT rate on the issuer's country when the
            // document has no issuer address of its own.
            entity = d.DocumentId is not null
                || (doc.EntityAddress is null && (d.LineItems ?? []).Any(l => l.VatRateId is not null || l.CustomVatRateId is not null || l.TaxRateValue is not null));
        }
        if (r.CreditNote is { } c)
        {
            if (c.CounterpartBillingAddressId is not null || c.CounterpartShippingAddressId is not null) ids.Add(doc.CounterpartId);
            // Credited quantities and prices are checked against the invoice the note is based on.
            if (c.LineItems is { Count: > 0 }) ids.Add(doc.BasedOn);
        }
        if (r.IssuedInvoice is { } i)
        {
            if (i.CounterpartId is not null || i.CounterpartVatIdId is not null || i.ContactId is not null) ids.Add(i.CounterpartId ?? doc.CounterpartId);
            ids.Add(i.PaymentTermsId);
            ids.AddRange([i.PaymentReminderId, i.OverdueReminderId]);
            ids.Add(i.EntityVatIdId);
            // Anything beyond metadata depends on the entity's edit flow (compliant or not).
            entity = i.NonMetadataFields().Any();
        }
        return new ReferenceNeeds(ids, entity);
    }

    /// <summary>The country a document's new VAT rates are labelled with: its issuer's, as the document shows it.</summary>
    private static string IssuerCountry(Receivable doc, ReferenceSet refs) => doc.EntityAddress?.Country ?? refs.Entity.Address.Country;

    private static void ApplyDraft(Receivable doc, UpdateDraft e, ReferenceSet refs)
    {
        if (e.Currency is { } currency && currency != doc.Currency)
        {
            if (doc.LineItems.Count > 0)
                throw new BusinessRuleException("The currency of a document with line items cannot change: replace the lines (PUT line_items with []) first");
            doc.Currency = currency;
        }
        if (e.CounterpartId is not null || e.CounterpartBillingAddressId is not null || e.CounterpartShippingAddressId is not null
            || e.CounterpartVatIdId is not null || e.ContactId is not null)
        {
            var counterpartId = e.CounterpartId ?? doc.CounterpartId;
            var counterpart = ReceivableBuilder.RequireCounterpart(refs, counterpartId);
            var sameCounterpart = counterpartId == doc.CounterpartId;
            ReceivableBuilder.ApplyCounterpart(doc, counterpart,
                e.CounterpartBillingAddressId ?? doc.Refs.CounterpartBillingAddressId ?? throw new BusinessRuleException("counterpart_billing_address_id is required"),
                e.CounterpartShippingAddressId ?? (sameCounterpart ? doc.Refs.CounterpartShippingAddressId : null),
                e.CounterpartVatIdId ?? (sameCounterpart ? doc.Refs.CounterpartVatIdId : null),
                e.ContactId ?? (sameCounterpart ? doc.Refs.ContactId : null));
        }
        // A new bank account or VAT id changes only that: the issuer data and earlier overrides stay as they are.
        if (e.EntityBankAccountId is not null) ReceivableBuilder.ApplyBankAccount(doc, refs, e.EntityBankAccountId);
        if (e.EntityVatIdId is not null) ReceivableBuilder.ApplyEntityVatId(doc, refs, e.EntityVatIdId);
        if (e.Entity is { } overrides) doc.Entity = overrides.ApplyTo(doc.Entity);
        if (e.DocumentId is not null)
        {
            if (refs.Entity.Settings.ReceivableEditFlow != ReceivableEditFlow.NonCompliant)
                throw ValidationException.Of(["body", "document_id"], "document_id can only be set when the entity's receivable_edit_flow is non_compliant", "value_error.not_permitted");
            doc.DocumentId = e.DocumentId;
        }
        if (e.Discount is { } d) doc.Discount = new DiscountResponse(d.Type!.Value, d.Amount!.Value, 0);
        doc.DeductionAmount = e.DeductionAmount ?? doc.DeductionAmount;
        doc.DeductionMemo = e.DeductionMemo ?? doc.DeductionMemo;
        if (e.Deductions is { } deductions) doc.Deductions = deductions.Select(x => new Deduction(x.Amount!.Value, x.Name!, x.Memo)).ToList();
        doc.WithholdingTaxRate = e.WithholdingTaxRate ?? doc.WithholdingTaxRate;
        doc.VatExempt = e.VatExempt ?? doc.VatExempt;
        doc.VatExemptionRationale = e.VatExemptionRationale ?? doc.VatExemptionRationale;
        doc.Memo = e.Memo ?? doc.Memo;
        doc.Footer = e.Footer ?? doc.Footer;
        doc.TradeName = e.TradeName ?? doc.TradeName;
        doc.ProjectId = e.ProjectId ?? doc.ProjectId;
        doc.PartnerMetadata = e.PartnerMetadata ?? doc.PartnerMetadata;
        doc.DocumentRendering = e.DocumentRendering ?? doc.DocumentRendering;
        if (e.LineItems is { } updates) ApplyLineUpdates(doc, updates, refs);
    }

    /// <summary>Entry i of the envelope's <c>line_items</c> changes line i (spec gap: positional, see docs/decisions.md).</summary>
    private static void ApplyLineUpdates(Receivable doc, List<LineItemUpdate> updates, ReferenceSet refs)
    {
        if (updates.Count != doc.LineItems.Count)
            throw ValidationException.Of(["body", EnvelopeField(doc), "line_items"],
                $"line_items must have one entry per existing line ({doc.LineItems.Count}); use PUT line_items to add or remove lines", "value_error.list.length");
        for (var i = 0; i < updates.Count; i++)
        {
            var u = updates[i];
            var line = doc.LineItems[i];
            var product = line.Product;
            if (u.Price is { } price) product = product with { Price = product.Price with { Value = price } };
            if (u.VatRateId is not null || u.CustomVatRateId is not null || u.TaxRateValue is not null)
                product = product with { VatRate = ReceivableBuilder.Rate(refs, u.VatRateId, u.CustomVatRateId, u.TaxRateValue, u.TaxRateName, IssuerCountry(doc, refs)) };
            doc.LineItems[i] = line with
            {
                Quantity = u.Quantity ?? line.Quantity,
                Product = product,
                Discount = u.Discount is { } d ? new DiscountResponse(d.Type!.Value, d.Amount!.Value, 0) : line.Discount,
            };
        }
    }

    private static string EnvelopeField(Receivable doc) => doc.IsDraft ? doc.Type.Wire() : "issued_invoice";

    /// <summary>
    /// A credit note's lines are adjusted per product (spec 3.5): how many units, and at what price per unit,
    /// are credited. A credit can only be less than what was invoiced, never more.
    /// </summary>
    private static void ApplyCreditNote(CreditNote note, UpdateCreditNote e, ReferenceSet refs)
    {
        if (e.CounterpartBillingAddressId is not null || e.CounterpartShippingAddressId is not null)
        {
            var counterpart = ReceivableBuilder.RequireCounterpart(refs, note.CounterpartId);
            ReceivableBuilder.ApplyCounterpart(note, counterpart,
                e.CounterpartBillingAddressId ?? note.Refs.CounterpartBillingAddressId ?? throw new BusinessRuleException("counterpart_billing_address_id is required"),
                e.CounterpartShippingAddressId ?? note.Refs.CounterpartShippingAddressId, note.Refs.CounterpartVatIdId, note.Refs.ContactId);
        }
        if (e.CounterpartContact is { } c) note.CounterpartContact = new ContactSnapshot(c.FirstName!, c.LastName!, note.CounterpartContact?.Address, c.Email, c.Phone, c.Title);
        if (e.Entity is { } overrides) note.Entity = overrides.ApplyTo(note.Entity);
        note.Memo = e.Memo ?? note.Memo;
        note.Footer = e.Footer ?? note.Footer;
        note.ProjectId = e.ProjectId ?? note.ProjectId;
        note.PartnerMetadata = e.PartnerMetadata ?? note.PartnerMetadata;
        note.DocumentRendering = e.DocumentRendering ?? note.DocumentRendering;
        if (e.LineItems is not { Count: > 0 } changes) return;

        var invoice = note.BasedOn is { } basedOn && refs.Receivables.TryGetValue(basedOn, out var source) ? source : null;
        var invoiced = invoice?.LineItems ?? note.LineItems;
        foreach (var (key, change) in changes)
        {
            var productId = Guid.Parse(key);
            var loc = new List<object> { "body", "credit_note", "line_items", key };
            var candidates = Enumerable.Range(0, note.LineItems.Count)
                .Where(i => note.LineItems[i].Product.Id == productId && (change.OldPrice is null || invoiced.ElementAtOrDefault(i)?.Product.Price.Value == change.OldPrice))
                .ToList();
            if (candidates.Count == 0) throw ValidationException.Of(loc, "no line of this credit note has this product (and old_price)", "value_error.not_found");
            if (candidates.Count > 1) throw ValidationException.Of(loc, "several lines have this product; send old_price to choose one", "value_error.ambiguous");
            var index = candidates[0];
            var original = invoiced.ElementAtOrDefault(index) ?? note.LineItems[index];
            if (change.Quantity > original.Quantity)
                throw ValidationException.Of([.. loc, "quantity"], $"a credit note can credit at most the invoiced quantity ({original.Quantity})", "value_error.number.not_le");
            if (change.PriceDiff > original.Product.Price.Value)
                throw ValidationException.Of([.. loc, "price_diff"], $"a credit note can credit at most the invoiced unit price ({original.Product.Price.Value})", "value_error.number.not_le");
            var line = note.LineItems[index];
            note.LineItems[index] = line with
            {
                Quantity = change.Quantity!.Value,
                Product = change.PriceDiff is { } diff ? line.Product with { Price = line.Product.Price with { Value = diff } } : line.Product,
            };
        }
    }

    /// <summary>
    /// An issued invoice: in compliant mode (the default) only metadata may change (spec 5.4); in non-compliant
    /// mode the entity may correct parties, dates and payment terms.
    /// </summary>
    private static void ApplyIssued(Invoice invoice, UpdateIssuedInvoice e, ReferenceSet refs)
    {
        if (invoice.IsDraft) throw new BusinessRuleException("This invoice is a draft; use the invoice envelope");
        if (!IssuedFamily.Contains(invoice.Status)) throw new BusinessRuleException($"An invoice that is {invoice.Status.Wire()} cannot be updated");
        var restricted = e.NonMetadataFields().ToList();
        if (restricted.Count > 0 && refs.Entity.Settings.ReceivableEditFlow != ReceivableEditFlow.NonCompliant)
            throw new BusinessRuleException($"In compliant mode an issued invoice accepts only partner_metadata, project_id, tag_ids, attachments and reminder ids; not: {string.Join(", ", restricted)}. Set the entity's receivable_edit_flow to non_compliant to correct issued invoices.");

        invoice.PartnerMetadata = e.PartnerMetadata ?? invoice.PartnerMetadata;
        invoice.ProjectId = e.ProjectId ?? invoice.ProjectId;
        // Which reminders follow up an issued invoice is how it is collected, not what it says: metadata too.
        ReceivableBuilder.ApplyReminders(invoice, refs, e.PaymentReminderId, e.OverdueReminderId);
        if (restricted.Count == 0) return;

        if (e.CounterpartId is not null || e.CounterpartVatIdId is not null || e.ContactId is not null)
        {
            var counterpartId = e.CounterpartId ?? invoice.CounterpartId;
            var counterpart = ReceivableBuilder.RequireCounterpart(refs, counterpartId);
            var same = counterpartId == invoice.CounterpartId;
            var billing = same ? invoice.Refs.CounterpartBillingAddressId : counterpart.DefaultBillingAddressId;
            ReceivableBuilder.ApplyCounterpart(invoice, counterpart,
                billing ?? throw new BusinessRuleException("The counterpart has no billing address"),
                same ? invoice.Refs.CounterpartShippingAddressId : counterpart.DefaultShippingAddressId,
                e.CounterpartVatIdId ?? (same ? invoice.Refs.CounterpartVatIdId : null), e.ContactId ?? (same ? invoice.Refs.ContactId : null));
        }
        if (e.EntityVatIdId is not null) ReceivableBuilder.ApplyEntityVatId(invoice, refs, e.EntityVatIdId);
        if (e.Entity is { } entity) invoice.Entity = entity.ToSnapshot();
        if (e.EntityAddress is { } address) invoice.EntityAddress = address.ToSnapshot();
        invoice.DueDate = e.DueDate ?? invoice.DueDate;
        invoice.FulfillmentDate = e.FulfillmentDate ?? invoice.FulfillmentDate;
        invoice.IssueDate = e.IssueDate?.ToUniversalTime() ?? invoice.IssueDate;
        invoice.Footer = e.Footer ?? invoice.Footer;
        invoice.Memo = e.Memo ?? invoice.Memo;
        invoice.DocumentRendering = e.DocumentRendering ?? invoice.DocumentRendering;
        if (e.PaymentTerms is not null || e.PaymentTermsId is not null)
        {
            invoice.PaymentTerms = ReceivableBuilder.PaymentTerms(refs, e.PaymentTermsId, e.PaymentTerms);
            invoice.Refs.PaymentTermsId = e.PaymentTermsId;
        }
    }

    /// <summary><c>PUT line_items</c>: every line replaced, totals recomputed (invoices and quotes).</summary>
    public Task<Stored<Receivable>> ReplaceLinesAsync(Auth.ApiPrincipal principal, Guid entityId, Guid id, UpdateLineItemsRequest request, string? ifMatch, CancellationToken ct) =>
        ChangeAsync(principal.EntityUserId, entityId, id, ifMatch,
            doc => new ReferenceNeeds(request.Data!.Select(l => l.ProductId).Concat(request.Data!.Select(l => l.CustomVatRateId)),
                // Lines of an issued invoice change only in the entity's non-compliant edit flow.
                Entity: !doc.IsDraft || doc.EntityAddress is null,
                // Catalog products name their measure units.
                MeasureUnits: request.Data!.Any(l => l.ProductId is not null)),
            (doc, refs) =>
            {
                if (doc is CreditNote) throw new BusinessRuleException("A credit note's lines are adjusted with PATCH {\"credit_note\": {\"line_items\": ...}}");
                var editable = doc.IsDraft || (doc is Invoice && IssuedFamily.Contains(doc.Status) && refs.Entity.Settings.ReceivableEditFlow == ReceivableEditFlow.NonCompliant);
                if (!editable)
                    throw new BusinessRuleException($"The lines of a {doc.Type.Wire()} that is {doc.Status.Wire()} cannot change{(doc is Invoice ? " (in compliant mode)" : "")}");
                foreach (var (line, i) in request.Data!.Select((l, i) => (l, i)))
                {
                    if (line.Product?.Price?.Currency is { } c && c != doc.Currency)
                        throw ValidationException.Of(["body", "data", i, "product", "price", "currency"], $"product price currency {c} differs from the document currency {doc.Currency}", "value_error.currency_mismatch");
                }
                doc.LineItems = ReceivableBuilder.Lines(request.Data!, refs, doc.Currency, IssuerCountry(doc, refs), "data");
                ReceivableBuilder.Recompute(doc);
            }, ct);

    /// <summary>Only drafts can be deleted; the document is gone afterwards (404).</summary>
    public async Task DeleteAsync(Guid entityId, Guid id, string? ifMatch, CancellationToken ct)
    {
        var deleted = await store.DeleteCheckedAsync<Receivable>(entityId, id.ToString(), Receivable.ResourceName, ifMatch, doc =>
        {
            Transitions.Require(doc.Type, doc.Status, LifecycleAction.Delete, doc is Invoice ? "only drafts are deleted; cancel an issued invoice instead" : "only drafts are deleted");
        }, ct);
        if (!deleted) throw NotFound(id);
    }

    /// <summary>
    /// A new draft of the same type with the same lines and counterpart; no number, dates or payment data.
    /// Counterpart, bank account and VAT id are read again from their ids (spec 3.8): a deleted one is 409.
    /// </summary>
    public async Task<Stored<Receivable>> CloneAsync(Auth.ApiPrincipal principal, Guid entityId, Guid id, CancellationToken ct)
    {
        var source = (await store.ReadAsync<Receivable>(entityId, id.ToString(), Receivable.ResourceName, ct) ?? throw NotFound(id)).Document;
        if (source is CreditNote) throw new BusinessRuleException("Credit notes cannot be cloned; only invoices and quotes");
        var refs = await ReferenceSet.LoadAsync(store, entityId,
            [source.CounterpartId, source.Refs.EntityBankAccountId, source.Refs.EntityVatIdId, source.Refs.PaymentTermsId,
             .. source.LineItems.Where(l => !l.Product.IsInline).Select(l => (Guid?)l.Product.Id)], ct);
        var missing = source.LineItems.Where(l => !l.Product.IsInline && !refs.Products.ContainsKey(l.Product.Id)).Select(l => l.Product.Id).ToList();
        if (missing.Count > 0) throw new BusinessRuleException($"Cannot clone: product {missing[0]} no longer exists");

        var now = clock.GetUtcNow();
        Receivable clone = source switch
        {
            Quote q => new Quote
            {
                Id = Guid.NewGuid().ToString(), EntityId = entityId, Resource = Receivable.ResourceName, CreatedAt = now, UpdatedAt = now,
                Status = ReceivableStatus.Draft, Currency = q.Currency, CounterpartId = q.CounterpartId, Entity = q.Entity, EntityAddress = q.EntityAddress,
                VatMode = q.VatMode, VatInclusiveDiscountMode = q.VatInclusiveDiscountMode, FileLanguage = q.FileLanguage,
                OriginalFileLanguage = q.OriginalFileLanguage, SignatureRequired = q.SignatureRequired, QuoteAcceptPageUrl = q.QuoteAcceptPageUrl,
            },
            Invoice i => new Invoice
            {
                Id = Guid.NewGuid().ToString(), EntityId = entityId, Resource = Receivable.ResourceName, CreatedAt = now, UpdatedAt = now,
                Status = ReceivableStatus.Draft, Currency = i.Currency, CounterpartId = i.CounterpartId, Entity = i.Entity, EntityAddress = i.EntityAddress,
                VatMode = i.VatMode, VatInclusiveDiscountMode = i.VatInclusiveDiscountMode, FileLanguage = i.FileLanguage,
                OriginalFileLanguage = i.OriginalFileLanguage, PurchaseOrder = i.PurchaseOrder, PaymentPageUrl = i.PaymentPageUrl,
                FulfillmentDate = null,
                PaymentTerms = i.Refs.PaymentTermsId is { } termsId && refs.PaymentTerms.ContainsKey(termsId) ? ReceivableBuilder.PaymentTerms(refs, termsId, null) : i.PaymentTerms,
            },
            _ => throw new InvalidOperationException("unreachable"),
        };
        CopyCommon(source, clone, principal);
        clone.BasedOn = null;
        clone.BasedOnDocumentId = null;

        var counterpart = refs.Counterparts.GetValueOrDefault(source.CounterpartId) ?? throw new BusinessRuleException($"Cannot clone: counterpart {source.CounterpartId} no longer exists");
        var billing = source.Refs.CounterpartBillingAddressId ?? counterpart.DefaultBillingAddressId;
        if (billing is null || counterpart.FindAddress(billing.Value) is null)
            throw new BusinessRuleException("Cannot clone: the counterpart's billing address no longer exists");
        ReceivableBuilder.ApplyCounterpart(clone, counterpart, billing.Value,
            source.Refs.CounterpartShippingAddressId is { } s && counterpart.FindAddress(s) is not null ? s : null,
            source.Refs.CounterpartVatIdId is { } v && counterpart.FindVatId(v) is not null ? v : null,
            source.Refs.ContactId is { } c && counterpart.FindContact(c) is not null ? c : null);
        ReceivableBuilder.ApplyEntity(clone, refs, null,
            source.Refs.EntityVatIdId is { } ev && refs.EntityVatIds.ContainsKey(ev) ? ev : null,
            source.Refs.EntityBankAccountId is { } b && refs.BankAccounts.ContainsKey(b) ? b : null);
        ReceivableBuilder.Recompute(clone);
        return await CreateWithHistoryAsync(clone, principal.EntityUserId, ct);
    }
}
