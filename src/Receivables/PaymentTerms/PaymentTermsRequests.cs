using System.Text.Json.Serialization;
using Receivables.Api;

namespace Receivables.PaymentTerms;

/// <summary><c>POST /payment_terms</c> body (strict, <c>PaymentTermsCreatePayload</c>).</summary>
public sealed class CreatePaymentTermsRequest : IValidatable
{
    public string? Name { get; init; }
    public string? Description { get; init; }

    [JsonPropertyName("term_1")]
    public TermDiscountRequest? Term1 { get; init; }

    [JsonPropertyName("term_2")]
    public TermDiscountRequest? Term2 { get; init; }

    public TermFinalRequest? TermFinal { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Name, "name")) v.Length(Name, "name", 1, 100);
        v.Length(Description, "description", 0, 255);
        v.Nested(Term1, "term_1");
        v.Nested(Term2, "term_2");
        if (v.Required(TermFinal, "term_final")) v.Nested(TermFinal, "term_final");
        if (!v.HasIssues) PaymentTermsRules.Check(Term1?.NumberOfDays, Term2?.NumberOfDays, TermFinal!.NumberOfDays!.Value, v);
    }
}

/// <summary>
/// <c>PATCH /payment_terms/{payment_terms_id}</c> body (strict): the terms sent replace the stored ones; the order
/// of days is checked again on the result (<see cref="PaymentTermsRules"/>).
/// </summary>
public sealed class UpdatePaymentTermsRequest : IValidatable
{
    public string? Name { get; init; }
    public string? Description { get; init; }

    [JsonPropertyName("term_1")]
    public TermDiscountRequest? Term1 { get; init; }

    [JsonPropertyName("term_2")]
    public TermDiscountRequest? Term2 { get; init; }

    public TermFinalRequest? TermFinal { get; init; }

    public void Validate(Validation v)
    {
        v.Length(Name, "name", 1, 100);
        v.Length(Description, "description", 0, 255);
        v.Nested(Term1, "term_1");
        v.Nested(Term2, "term_2");
        v.Nested(TermFinal, "term_final");
    }
}

/// <summary><c>TermDiscountDays</c> (strict). The standalone terms have no <c>end_date</c> in the OpenAPI, unlike inline ones.</summary>
public sealed class TermDiscountRequest : IValidatable
{
    public int? Discount { get; init; }
    public int? NumberOfDays { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Discount, "discount")) v.Range(Discount, "discount", 0, 10_000);
        if (v.Required(NumberOfDays, "number_of_days")) v.Range(NumberOfDays, "number_of_days", 0, 10_000);
    }

    public PaymentTermDiscount ToTerm() => new() { Discount = Discount!.Value, NumberOfDays = NumberOfDays!.Value };
}

/// <summary><c>TermFinalDays</c> (strict): no discount on the final term.</summary>
public sealed class TermFinalRequest : IValidatable
{
    public int? NumberOfDays { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(NumberOfDays, "number_of_days")) v.Range(NumberOfDays, "number_of_days", 0, 10_000);
    }

    public PaymentTermFinal ToTerm() => new() { NumberOfDays = NumberOfDays!.Value };
}

/// <summary>Spec 6.2: <c>term_1.days &lt; term_2.days &lt; term_final.days</c>; a second discount needs a first.</summary>
public static class PaymentTermsRules
{
    public static void Check(int? term1Days, int? term2Days, int finalDays, Validation v)
    {
        if (term2Days is not null && term1Days is null)
            v.Add("term_2", "term_2 requires term_1", "value_error");
        if (term1Days is { } d1 && term2Days is { } d2 && d1 >= d2)
            v.Add("term_2", "term_2.number_of_days must be greater than term_1.number_of_days", "value_error");
        if (term2Days is { } last2 && last2 >= finalDays)
            v.Add("term_final", "term_final.number_of_days must be greater than term_2.number_of_days", "value_error");
        else if (term1Days is { } last1 && last1 >= finalDays)
            v.Add("term_final", "term_final.number_of_days must be greater than term_1.number_of_days", "value_error");
    }
}
