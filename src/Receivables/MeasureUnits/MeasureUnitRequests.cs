using Receivables.Api;

namespace Receivables.MeasureUnits;

/// <summary><c>POST /measure_units</c> body (strict, <c>UnitRequest</c>).</summary>
public sealed class CreateMeasureUnitRequest : IValidatable
{
    public string? Name { get; init; }
    public string? Description { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Name, "name")) v.Length(Name, "name", 1, 100);
        v.Length(Description, "description", 0, 200);
    }
}

/// <summary><c>PATCH /measure_units/{unit_id}</c> body (strict, <c>UnitUpdate</c>): only the fields sent change.</summary>
public sealed class UpdateMeasureUnitRequest : IValidatable
{
    public string? Name { get; init; }
    public string? Description { get; init; }

    public void Validate(Validation v)
    {
        v.Length(Name, "name", 1, 100);
        v.Length(Description, "description", 0, 200);
    }
}
