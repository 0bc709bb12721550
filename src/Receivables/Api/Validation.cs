namespace Receivables.Api;

/// <summary>A request body that checks its own constraints after it was parsed (required fields, ranges, lengths).</summary>
public interface IValidatable
{
    void Validate(Validation v);
}

/// <summary>
/// Collects every problem of a request body with its location, so that one 422 lists them all
/// (as the FastAPI/Pydantic errors of the original API do).
/// </summary>
public sealed class Validation
{
    /// <summary>Most issues one answer lists; the rest are counted in a last issue, so a 422 stays small whatever the body.</summary>
    public const int MaxIssues = 100;

    private sealed class Issues
    {
        public readonly List<ValidationIssue> Listed = [];
        public int More;

        public void Add(ValidationIssue issue)
        {
            if (Listed.Count < MaxIssues) Listed.Add(issue);
            else More++;
        }
    }

    private readonly Issues issues;
    private readonly object[] path;

    public Validation(params object[] root) : this(new Issues(), root) { }

    private Validation(Issues issues, object[] path)
    {
        this.issues = issues;
        this.path = path;
    }

    public bool HasIssues => issues.Listed.Count > 0;

    public Validation At(object segment) => new(issues, [.. path, segment]);

    public void Add(string field, string msg, string type) => issues.Add(new ValidationIssue([.. path, field], msg, type));

    public void AddHere(string msg, string type) => issues.Add(new ValidationIssue(path, msg, type));

    public bool Required(object? value, string field)
    {
        if (value is not null) return true;
        Add(field, "field required", "value_error.missing");
        return false;
    }

    public void Length(string? value, string field, int min, int max)
    {
        if (value is null) return;
        if (value.Length < min) Add(field, $"ensure this value has at least {min} characters", "value_error.any_str.min_length");
        else if (value.Length > max) Add(field, $"ensure this value has at most {max} characters", "value_error.any_str.max_length");
    }

    public void Range(long? value, string field, long min, long max)
    {
        if (value is null) return;
        if (value < min) Add(field, $"ensure this value is greater than or equal to {min}", "value_error.number.not_ge");
        else if (value > max) Add(field, $"ensure this value is less than or equal to {max}", "value_error.number.not_le");
    }

    public void Range(decimal? value, string field, decimal min, decimal max)
    {
        if (value is null) return;
        if (value < min) Add(field, $"ensure this value is greater than or equal to {min}", "value_error.number.not_ge");
        else if (value > max) Add(field, $"ensure this value is less than or equal to {max}", "value_error.number.not_le");
    }

    public void Nested(IValidatable? value, string field)
    {
        value?.Validate(At(field));
    }

    /// <summary>
    /// Each item of a list, once the list is known to be within <paramref name="maxItems"/>: a list over its limit
    /// is one error, and its items are not looked at (bounded work for any body). False when it was too long.
    /// </summary>
    public bool Each<T>(IReadOnlyList<T>? items, string field, int maxItems) where T : IValidatable
    {
        if (items is null) return true;
        if (items.Count > maxItems)
        {
            Add(field, $"ensure this value has at most {maxItems} items", "value_error.list.max_items");
            return false;
        }
        var list = At(field);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null) list.At(i).AddHere("none is not an allowed value", "type_error.none.not_allowed");
            else items[i].Validate(list.At(i));
        }
        return true;
    }

    public void ThrowIfAny()
    {
        if (issues.Listed.Count == 0) return;
        if (issues.More == 0) throw new ValidationException(issues.Listed);
        throw new ValidationException([.. issues.Listed, new ValidationIssue(path, $"and {issues.More} more errors not listed", "value_error.too_many_errors")]);
    }
}
