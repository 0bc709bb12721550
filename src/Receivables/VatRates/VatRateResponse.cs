namespace Receivables.VatRates;

/// <summary><c>VatRateResponse</c>. The table has no write history: its timestamps are the rate's <c>valid_from</c>, stable everywhere.</summary>
public sealed record VatRateResponse(
    Guid Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Country, int Value, IReadOnlyList<VatRateComponent> Components,
    VatRateStatus Status, DateOnly ValidFrom, DateOnly? ValidUntil, string CreatedBy)
{
    public static VatRateResponse From(VatRateEntry rate)
    {
        var since = new DateTimeOffset(rate.ValidFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return new(rate.Id, since, since, rate.Country, rate.Value, rate.Components, rate.Status, rate.ValidFrom, rate.ValidUntil, "monite");
    }
}

/// <summary><c>VatRateListResponse</c>: unpaged.</summary>
public sealed record VatRateList(IReadOnlyList<VatRateResponse> Data);
