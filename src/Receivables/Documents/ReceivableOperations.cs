using Receivables.Api;
using Receivables.Auth;
using Receivables.Domain;
using Receivables.Entities;
using Receivables.Store;

namespace Receivables.Documents;

/// <summary>Create and read receivables. Knows nothing of HTTP.</summary>
public sealed class ReceivableOperations(DocumentStore store, TimeProvider clock)
{
    /// <summary>A new draft invoice: entity data and settings from one point read, then one create.</summary>
    public async Task<Stored<Invoice>> CreateAsync(ApiPrincipal principal, Guid entityId, CreateReceivableRequest request, CancellationToken ct)
    {
        var entity = (await store.ReadAsync<Entity>(entityId, entityId.ToString(), Entity.ResourceName, ct))?.Document
            ?? throw EntityDirectory.NotFound(entityId);
        var vatMode = request.VatMode ?? entity.Settings.VatMode;
        var lines = request.LineItems!;
        Totals.DocumentTotals totals;
        try
        {
            totals = Totals.Compute(lines.Select(l => new Totals.Line(l.Quantity!.Value, l.Product!.Price!.Value!.Value, l.TaxRateValue!.Value, l.Discount?.ToDiscount())).ToList(), vatMode);
        }
        catch (AmountOutOfRangeException e)
        {
            throw ValidationException.Of(["body", "line_items"], e.Message, "value_error.number.not_le");
        }

        var now = clock.GetUtcNow();
        var language = entity.Settings.Language ?? "en";
        var invoice = new Invoice
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = Invoice.ResourceName,
            Type = ReceivableType.Invoice,
            CreatedAt = now,
            UpdatedAt = now,
            Status = "draft",
            Currency = request.Currency!,
            CounterpartId = request.CounterpartId!.Value,
            CounterpartBillingAddressId = request.CounterpartBillingAddressId,
            CounterpartShippingAddressId = request.CounterpartShippingAddressId,
            Entity = EntitySnapshot.From(entity),
            EntityAddress = EntityAddressSnapshot.From(entity.Address),
            EntityUserId = principal.EntityUserId,
            TradeName = request.TradeName,
            LineItems = lines.Select((l, i) => ToResponseItem(l, totals.Lines[i], request.Currency!, entity.Address.Country)).ToList(),
            Subtotal = totals.Subtotal,
            SubtotalAfterVat = totals.SubtotalAfterVat,
            DiscountedSubtotal = totals.Subtotal,
            TotalVatAmount = totals.TotalVatAmount,
            TotalVatAmounts = totals.VatGroups.Select(g => new TotalVatAmountItem(null, null, g.Rate, g.Amount, g.TaxableAmount, null)).ToList(),
            TotalAmount = totals.TotalAmount,
            VatMode = vatMode,
            VatInclusiveDiscountMode = entity.Settings.VatInclusiveDiscountMode,
            Memo = request.Memo,
            Footer = request.Footer,
            CommercialConditionDescription = request.CommercialConditionDescription,
            PurchaseOrder = request.PurchaseOrder,
            FulfillmentDate = request.FulfillmentDate,
            PartnerMetadata = request.PartnerMetadata,
            FileLanguage = language,
            OriginalFileLanguage = language,
            AmountDue = totals.TotalAmount,
            AmountPaid = 0,
            AmountToPay = totals.TotalAmount,
            TotalAmountWithCreditNotes = totals.TotalAmount,
        };
        return await store.CreateAsync(invoice, ct);
    }

    /// <summary>One point read. Another entity's id is not found, exactly like an unknown id.</summary>
    public async Task<Stored<Invoice>> GetAsync(Guid entityId, Guid receivableId, CancellationToken ct) =>
        await store.ReadAsync<Invoice>(entityId, receivableId.ToString(), Invoice.ResourceName, ct)
        ?? throw ApiException.NotFound($"Receivable {receivableId} was not found");

    private static ResponseItem ToResponseItem(LineItemRequest line, Totals.LineTotals totals, string currency, string country)
    {
        var p = line.Product!;
        var product = new LineItemProduct(
            Guid.NewGuid(), p.Name!, new Price(currency, p.Price!.Value!.Value), new Price(currency, totals.UnitPriceAfterVat),
            new VatRateSnapshot(null, country, line.TaxRateValue!.Value, line.TaxRateName, false, null),
            p.MeasureUnit is { } m ? new MeasureUnitSnapshot(null, m.Name!, m.Description) : null,
            p.Description, p.ExternalReference, p.Type ?? ProductServiceType.Product, p.SmallestAmount, IsInline: true,
            p.LedgerAccountId, line.AccountingTaxRateId);
        return new ResponseItem(line.Quantity!.Value, product, line.Discount?.ToDiscount(), totals.TotalBeforeVat, totals.TotalAfterVat);
    }
}
