using System.Text.Json;
using Receivables.Api;
using Receivables.Counterparts;
using Receivables.Domain;
using Receivables.Domain.Totals;
using Receivables.Entities;
using Receivables.VatRates;

namespace Receivables.Documents;

/// <summary>
/// Fills a receivable from its references: counterpart, entity, lines and payment terms are copied in as frozen
/// snapshots, then the totals are computed. A reference that does not exist in the entity is 404 naming it.
/// </summary>
public static class ReceivableBuilder
{
    public static ResourceNotFoundException NotFound(string what, Guid id) => new ResourceNotFoundException($"{what} {id} was not found");

    /// <summary>
    /// The reminders an invoice names: the entity's own, or 404 as for any other reference. A field not sent keeps
    /// the stored id.
    /// </summary>
    public static void ApplyReminders(Invoice invoice, ReferenceSet refs, Guid? paymentReminderId, Guid? overdueReminderId)
    {
        if (paymentReminderId is { } p)
            invoice.PaymentReminderId = refs.PaymentReminders.Contains(p) ? p : throw NotFound("Payment reminder", p);
        if (overdueReminderId is { } o)
            invoice.OverdueReminderId = refs.OverdueReminders.Contains(o) ? o : throw NotFound("Overdue reminder", o);
    }

    public static Counterpart RequireCounterpart(ReferenceSet refs, Guid id) =>
        refs.Counterparts.TryGetValue(id, out var c) ? c : throw NotFound("Counterpart", id);

    /// <summary>Copies the counterpart's data; the addresses, VAT id and contact must be the counterpart's own.</summary>
    public static void ApplyCounterpart(Receivable doc, Counterpart counterpart, Guid billingAddressId, Guid? shippingAddressId, Guid? vatIdId, Guid? contactId)
    {
        doc.CounterpartId = Guid.Parse(counterpart.Id);
        doc.CounterpartType = counterpart.Type == CounterpartType.Organization ? "organization" : "individual";
        doc.CounterpartName = counterpart.Name;
        doc.CounterpartTaxId = counterpart.TaxId;
        doc.CounterpartExternalReference = counterpart.ExternalReference;
        doc.CounterpartBillingAddress = Address(counterpart.FindAddress(billingAddressId) ?? throw NotFound("Counterpart address", billingAddressId));
        doc.CounterpartShippingAddress = shippingAddressId is { } s ? Address(counterpart.FindAddress(s) ?? throw NotFound("Counterpart address", s)) : null;
        doc.CounterpartVatId = vatIdId is { } v
            ? counterpart.FindVatId(v) is { } vat ? new CounterpartVatIdSnapshot(vat.Id, vat.CounterpartId, vat.Value, vat.Country, vat.Type) : throw NotFound("Counterpart VAT id", v)
            : null;
        var contact = contactId is { } cid ? counterpart.FindContact(cid) ?? throw NotFound("Counterpart contact", cid) : counterpart.Contacts.Find(c => c.IsDefault);
        doc.CounterpartContact = contact is null ? null : new ContactSnapshot(contact.FirstName, contact.LastName,
            new AddressSnapshot(null, contact.Address.Line1, contact.Address.Line2, contact.Address.City, contact.Address.PostalCode, contact.Address.State, contact.Address.Country),
            contact.Email, contact.Phone, contact.Title);
        doc.FileLanguage = counterpart.Language;
        doc.Refs.CounterpartBillingAddressId = billingAddressId;
        doc.Refs.CounterpartShippingAddressId = shippingAddressId;
        doc.Refs.CounterpartVatIdId = vatIdId;
        doc.Refs.ContactId = contactId;
    }

    private static AddressSnapshot Address(CounterpartAddress a) => new(a.Id, a.Line1, a.Line2, a.City, a.PostalCode, a.State, a.Country);

    /// <summary>The issuer's data, its VAT id and bank account (each must belong to the entity).</summary>
    public static void ApplyEntity(Receivable doc, ReferenceSet refs, EntityOverridesRequest? overrides, Guid? vatIdId, Guid? bankAccountId)
    {
        var entity = refs.Entity;
        ApplyEntityVatId(doc, refs, vatIdId);
        var snapshot = EntitySnapshot.From(entity, doc.EntityVatId?.Value);
        doc.Entity = overrides?.ApplyTo(snapshot) ?? snapshot;
        doc.EntityAddress = EntityAddressSnapshot.From(entity.Address);
        ApplyBankAccount(doc, refs, bankAccountId);
        doc.OriginalFileLanguage = entity.Settings.Language ?? "en";
    }

    /// <summary>Only the bank account changes: the rest of the issuer's snapshot stays as it was.</summary>
    public static void ApplyBankAccount(Receivable doc, ReferenceSet refs, Guid? bankAccountId)
    {
        doc.EntityBankAccount = bankAccountId is { } b
            ? refs.BankAccounts.TryGetValue(b, out var account) ? account.Deserialize<BankAccountSnapshot>(ApiJson.Storage) : throw NotFound("Bank account", b)
            : null;
        doc.Refs.EntityBankAccountId = bankAccountId;
    }

    /// <summary>Only the VAT id changes (and the VAT number printed with the issuer).</summary>
    public static void ApplyEntityVatId(Receivable doc, ReferenceSet refs, Guid? vatIdId)
    {
        doc.EntityVatId = vatIdId is { } v
            ? refs.EntityVatIds.TryGetValue(v, out var vat) ? vat.Deserialize<EntityVatIdSnapshot>(ApiJson.Storage) : throw NotFound("Entity VAT id", v)
            : null;
        doc.Refs.EntityVatIdId = vatIdId;
        if (doc.Entity is not null && doc.EntityVatId is { } id) doc.Entity = doc.Entity with { VatId = id.Value };
    }

    public static PaymentTermsSnapshot? PaymentTerms(ReferenceSet refs, Guid? id, InlinePaymentTermsRequest? inline)
    {
        if (inline is not null) return inline.ToSnapshot();
        if (id is not { } termsId) return null;
        return refs.PaymentTerms.TryGetValue(termsId, out var terms)
            ? terms.Deserialize<PaymentTermsSnapshot>(ApiJson.Storage)
            : throw NotFound("Payment terms", termsId);
    }

    /// <summary>Lines from a create or PUT request: catalog products and rates resolved and copied.</summary>
    /// <param name="country">The issuer's country, which rates given by value are labelled with.</param>
    public static List<ResponseItem> Lines(IReadOnlyList<LineItemRequest> lines, ReferenceSet refs, string currency, string country, string field)
    {
        var items = new List<ResponseItem>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            LineItemProduct product;
            var rate = Rate(refs, line.VatRateId, line.CustomVatRateId, line.TaxRateValue, line.TaxRateName, country);
            if (line.ProductId is { } productId)
            {
                var p = refs.Products.TryGetValue(productId, out var found) ? found : throw NotFound("Product", productId);
                if (p.Price is null)
                    throw ValidationException.Of(["body", field, i, "product_id"], $"product {productId} has no price", "value_error.missing");
                if (p.Price.Currency != currency)
                    throw ValidationException.Of(["body", field, i, "product_id"], $"product {productId} is priced in {p.Price.Currency}, the document in {currency}", "value_error.currency_mismatch");
                MeasureUnitSnapshot? unit = null;
                if (p.MeasureUnitId is { } unitId && refs.MeasureUnits.TryGetValue(unitId, out var u)) unit = new MeasureUnitSnapshot(unitId, u.Name, u.Description);
                product = new LineItemProduct(productId, p.Name, new Price(currency, p.Price.Value), new Price(currency, 0), rate, unit,
                    p.Description, p.ExternalReference, p.Type == Products.ProductType.Service ? ProductServiceType.Service : ProductServiceType.Product,
                    p.SmallestAmount, IsInline: false, p.LedgerAccountId, line.AccountingTaxRateId);
            }
            else
            {
                var p = line.Product!;
                product = new LineItemProduct(Guid.NewGuid(), p.Name!, new Price(currency, p.Price!.Value!.Value), new Price(currency, 0), rate,
                    p.MeasureUnit is { } m ? new MeasureUnitSnapshot(null, m.Name!, m.Description) : null,
                    p.Description, p.ExternalReference, p.Type ?? ProductServiceType.Product, p.SmallestAmount, IsInline: true,
                    p.LedgerAccountId, line.AccountingTaxRateId);
            }
            var discount = line.Discount is { } d ? new DiscountResponse(d.Type!.Value, d.Amount!.Value, 0) : null;
            items.Add(new ResponseItem(line.Quantity!.Value, product, discount, 0, 0));
        }
        return items;
    }

    /// <summary>The VAT rate of a line from exactly one source: the VAT table, a custom rate, or an explicit value.</summary>
    public static VatRateSnapshot Rate(ReferenceSet refs, Guid? vatRateId, Guid? customVatRateId, int? taxRateValue, string? taxRateName, string country)
    {
        if (vatRateId is { } id)
        {
            if (!VatRateTable.TryGet(id, out var rate)) throw NotFound("VAT rate", id);
            return new VatRateSnapshot(id, rate.Country, rate.Value, null, false, rate.Components.Select(c => new VatComponent(c.Name, c.Value)).ToList());
        }
        if (customVatRateId is { } customId)
        {
            if (!refs.CustomVatRates.TryGetValue(customId, out var custom)) throw NotFound("Custom VAT rate", customId);
            var components = custom.GetProperty("components").EnumerateArray()
                .Select(c => new VatComponent(c.GetProperty("name").GetString()!, c.GetProperty("value").GetDecimal())).ToList();
            var value = components.Sum(c => c.Value);
            return new VatRateSnapshot(customId, country, (long)Math.Round(value, MidpointRounding.AwayFromZero),
                custom.GetProperty("name").GetString(), true, components);
        }
        return new VatRateSnapshot(null, country, taxRateValue ?? 0, taxRateName, false, null);
    }

    /// <summary>Recomputes every amount of the document from its lines, discount, withholding and deductions.</summary>
    public static void Recompute(Receivable doc)
    {
        var input = new TotalsInput(
            doc.VatMode,
            doc.VatInclusiveDiscountMode,
            doc.LineItems.Select(l => new TotalsLine(l.Quantity, l.Product.Price.Value,
                new VatRateInput(l.Product.VatRate.Value, l.Product.VatRate.Id, l.Product.VatRate.Name, l.Product.VatRate.IsCustom,
                    l.Product.VatRate.Components is { Count: > 0 } c && l.Product.VatRate.IsCustom ? c.Select(x => new VatComponentInput(x.Name, x.Value)).ToList() : null),
                l.Discount is { } d ? new DiscountInput(d.Type, d.Amount) : null)).ToList(),
            doc.Discount is { } dd ? new DiscountInput(dd.Type, dd.Amount) : null,
            doc.WithholdingTaxRate,
            Money.Add(doc.DeductionAmount ?? 0, (doc.Deductions ?? []).Aggregate(0L, (s, x) => Money.Add(s, x.Amount))));

        DocumentTotals totals;
        try
        {
            totals = TotalsEngine.Compute(input);
        }
        catch (AmountOutOfRangeException e)
        {
            throw ValidationException.Of(["body", "line_items"], e.Message, "value_error.number.not_le");
        }

        for (var i = 0; i < doc.LineItems.Count; i++)
        {
            var line = doc.LineItems[i];
            var t = totals.Lines[i];
            doc.LineItems[i] = line with
            {
                Product = line.Product with { PriceAfterVat = line.Product.Price with { Value = t.UnitPriceAfterVat } },
                Discount = line.Discount is { } ld ? ld with { Value = t.DiscountValue } : null,
                TotalBeforeVat = t.TotalBeforeVat,
                TotalAfterVat = t.TotalAfterVat,
            };
        }
        doc.Subtotal = totals.Subtotal;
        doc.SubtotalAfterVat = totals.SubtotalAfterVat;
        doc.Discount = doc.Discount is { } docDiscount ? docDiscount with { Value = totals.DiscountValue } : null;
        doc.DiscountedSubtotal = totals.DiscountedSubtotal;
        doc.TotalVatAmount = totals.TotalVatAmount;
        doc.TotalVatAmounts = totals.VatGroups.Select(g => new TotalVatAmountItem(g.Id, g.Name, g.Value, g.Amount, g.TaxableAmount,
            g.Components.Count == 0 ? null : g.Components.Select(c => new VatComponentAmount(c.Name, c.Value, c.Amount)).ToList())).ToList();
        var credited = doc is Invoice { IsDraft: false } before ? before.TotalAmount - before.TotalAmountWithCreditNotes : 0;
        doc.TotalAmount = totals.TotalAmount;
        doc.TotalWithholdingTax = totals.TotalWithholdingTax;
        if (doc is Invoice { IsDraft: true } draft)
        {
            // A draft has no payments and no credit notes yet: what is due is the total less deductions.
            draft.AmountDue = totals.AmountDue;
            draft.AmountPaid = 0;
            draft.AmountToPay = totals.AmountDue;
            draft.TotalAmountWithCreditNotes = totals.TotalAmount;
        }
        else if (doc is Invoice issued)
        {
            // An issued invoice edited in non-compliant mode keeps what was paid and credited; what it still asks for,
            // and so its status, follows the new total (the operation settles it with InvoiceAccount.Reprice).
            issued.TotalAmountWithCreditNotes = totals.TotalAmount - credited;
            issued.AmountDue = totals.AmountDue - credited - issued.AmountPaid;
        }
    }
}
