using Receivables.Api;

namespace Receivables.VatRates;

/// <summary><c>POST /custom_vat_rates</c> body (strict, <c>CustomVatRateRequest</c>).</summary>
public sealed class CreateCustomVatRateRequest : IValidatable
{
    public string? Name { get; init; }
    public IReadOnlyList<VatRateComponentRequest>? Components { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Name, "name")) v.Length(Name, "name", 0, 64);
        if (v.Required(Components, "components")) VatRateComponentRequest.ValidateList(v, Components!);
    }
}

/// <summary><c>PATCH /custom_vat_rates/{custom_vat_rate_id}</c> body (strict): <c>components</c>, when sent, replace the list.</summary>
public sealed class UpdateCustomVatRateRequest : IValidatable
{
    public string? Name { get; init; }
    public IReadOnlyList<VatRateComponentRequest>? Components { get; init; }

    public void Validate(Validation v)
    {
        v.Length(Name, "name", 0, 64);
        if (Components is not null) VatRateComponentRequest.ValidateList(v, Components);
    }
}

/// <summary><c>VatRateComponent</c>: a name and a rate in basis points (a number, 0..10000).</summary>
public sealed class VatRateComponentRequest : IValidatable
{
    public string? Name { get; init; }
    public decimal? Value { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Name, "name")) v.Length(Name, "name", 0, 64);
        if (v.Required(Value, "value")) v.Range(Value, "value", 0m, 10_000m);
    }

    public VatRateComponent ToComponent() => new(Name!, Math.Round(Value!.Value, 2, MidpointRounding.AwayFromZero));

    public static void ValidateList(Validation v, IReadOnlyList<VatRateComponentRequest> components)
    {
        if (components.Count < 1) v.Add("components", "ensure this value has between 1 and 10 items", "value_error.list.size");
        v.Each(components, "components", 10);
        // A rate over 100 % is not a VAT rate; the sum is what lines are taxed with.
        if (!v.HasIssues && components.Sum(c => Math.Round(c.Value!.Value, 2, MidpointRounding.AwayFromZero)) > 10_000m)
            v.Add("components", "the components add up to more than 10000 (100 %)", "value_error.number.not_le");
    }
}
