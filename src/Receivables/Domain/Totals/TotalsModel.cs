namespace Receivables.Domain.Totals;

/// <summary>
/// A discount as entered: <see cref="DiscountType.Amount"/> in minor units, <see cref="DiscountType.Percentage"/> in
/// basis points (1050 = 10.5 %). A null discount or an amount of 0 means no discount (spec 4.5.2).
/// </summary>
public sealed record DiscountInput(DiscountType Type, long Amount);

/// <summary>
/// One component of a VAT rate (e.g. GST 5 % and QST 9.975 % of a Quebec rate). <see cref="Value"/> is a number in
/// "percent × 100" (9.975 % = 997.5), as the API's <c>VatRateComponent.value</c> (spec 1.4).
/// </summary>
public sealed record VatComponentInput(string Name, decimal Value);

/// <summary>
/// The VAT rate of a line. <see cref="Value"/> is basis points (1900 = 19 %). When <see cref="Components"/> is not empty
/// the rate applied is the sum of the component values (a custom rate may be fractional, 5 % + 9.975 % = 1497.5), and
/// <see cref="Value"/> is what the document shows.
/// </summary>
public sealed record VatRateInput(long Value, Guid? Id = null, string? Name = null, bool IsCustom = false, IReadOnlyList<VatComponentInput>? Components = null);

/// <summary>
/// A line as entered. <see cref="UnitPrice"/> is net in exclusive VAT mode and gross in inclusive VAT mode; the line
/// discount applies to the whole line (<c>price × quantity − discount</c>), not per unit.
/// </summary>
public sealed record TotalsLine(decimal Quantity, long UnitPrice, VatRateInput Rate, DiscountInput? Discount = null);

/// <summary>
/// Everything the totals of a document depend on. <see cref="InclusiveDiscountMode"/> is
/// <c>vat_inclusive_discount_mode</c>: it only matters for amount-type discounts in inclusive VAT mode.
/// <see cref="DeductionTotal"/> is <c>Σ deductions.amount + deduction_amount</c> (post-tax, minor units).
/// </summary>
public sealed record TotalsInput(
    VatMode Mode,
    VatMode InclusiveDiscountMode,
    IReadOnlyList<TotalsLine> Lines,
    DiscountInput? Discount = null,
    int? WithholdingTaxRate = null,
    long DeductionTotal = 0);

/// <summary>
/// The figures of one line. <see cref="DiscountValue"/> is the line discount's money value (<c>discount.value</c>).
/// <see cref="DocumentDiscountShare"/> is the part of the document discount allocated to the line, and
/// <see cref="AmountAfterDiscounts"/> what is left of the line after both discounts: both are net amounts in exclusive
/// mode and gross amounts in inclusive mode (they are what the VAT groups sum).
/// </summary>
public sealed record LineTotals(
    long Gross,
    long DiscountValue,
    long TotalBeforeVat,
    long TotalAfterVat,
    long UnitPriceAfterVat,
    long DocumentDiscountShare,
    long AmountAfterDiscounts);

/// <summary>The VAT of one component of a group's rate (<c>total_vat_amounts[].components[]</c>).</summary>
public sealed record VatComponentTotal(string Name, decimal Value, long Amount);

/// <summary>
/// One entry of <c>total_vat_amounts</c>: the rate (<see cref="Value"/> bp, <see cref="Id"/>, <see cref="Name"/>), the
/// net base (<see cref="TaxableAmount"/>) and the VAT on it (<see cref="Amount"/>); components sum to <see cref="Amount"/>.
/// </summary>
public sealed record VatGroupTotal(
    long Value,
    Guid? Id,
    string? Name,
    bool IsCustom,
    long TaxableAmount,
    long Amount,
    IReadOnlyList<VatComponentTotal> Components);

/// <summary>
/// The totals of a document (spec 4.1, 5.7). <see cref="DiscountValue"/> is the document discount's money value
/// (<c>discount.value</c>); <see cref="TotalWithholdingTax"/> is null when no withholding rate is set;
/// <see cref="AmountDue"/> is <c>amount_due</c> at issue (total minus deductions, never negative).
/// </summary>
public sealed record DocumentTotals(
    IReadOnlyList<LineTotals> Lines,
    long Subtotal,
    long SubtotalAfterVat,
    long DiscountValue,
    long DiscountedSubtotal,
    long TotalVatAmount,
    IReadOnlyList<VatGroupTotal> VatGroups,
    long TotalAmount,
    long? TotalWithholdingTax,
    long AmountDue);
