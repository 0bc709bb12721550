namespace Receivables.Domain;

/// <summary>How a discount's <c>amount</c> reads: minor units, or basis points (spec 4.5.2).</summary>
public enum DiscountType { Amount, Percentage }

/// <summary>Whether prices are net (<c>exclusive</c>) or include VAT (<c>inclusive</c>) (spec 5.7).</summary>
public enum VatMode { Exclusive, Inclusive }
