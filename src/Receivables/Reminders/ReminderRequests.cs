using Receivables.Api;
using Receivables.Entities;

namespace Receivables.Reminders;

/// <summary>
/// A payment reminder's fields, as a PATCH sends them (only the fields sent change); a create is the same body with
/// <c>name</c> required.
/// </summary>
public class UpdatePaymentReminderRequest : IValidatable
{
    public string? Name { get; init; }
    public RecipientsRequest? Recipients { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("term_1_reminder")]
    public ReminderRequest? Term1Reminder { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("term_2_reminder")]
    public ReminderRequest? Term2Reminder { get; init; }

    public ReminderRequest? TermFinalReminder { get; init; }

    public virtual void Validate(Validation v)
    {
        ReminderFields.Common(v, Name, Recipients);
        v.Nested(Term1Reminder, "term_1_reminder");
        v.Nested(Term2Reminder, "term_2_reminder");
        v.Nested(TermFinalReminder, "term_final_reminder");
    }
}

/// <summary><c>POST /payment_reminders</c> body (strict, <c>PaymentReminder</c>).</summary>
public sealed class CreatePaymentReminderRequest : UpdatePaymentReminderRequest
{
    public override void Validate(Validation v)
    {
        v.Required(Name, "name");
        base.Validate(v);
    }
}

/// <summary><c>PATCH /overdue_reminders/{overdue_reminder_id}</c> body (strict): <c>terms</c>, when sent, replace the stored ones.</summary>
public class UpdateOverdueReminderRequest : IValidatable
{
    public string? Name { get; init; }
    public RecipientsRequest? Recipients { get; init; }
    public List<OverdueReminderTermRequest>? Terms { get; init; }

    public virtual void Validate(Validation v)
    {
        ReminderFields.Common(v, Name, Recipients);
        ReminderFields.Terms(v, Terms);
    }
}

/// <summary><c>POST /overdue_reminders</c> body (strict, <c>OverdueReminderRequest</c>): the same fields, <c>name</c> required.</summary>
public sealed class CreateOverdueReminderRequest : UpdateOverdueReminderRequest
{
    public override void Validate(Validation v)
    {
        v.Required(Name, "name");
        base.Validate(v);
    }
}

/// <summary><c>Recipients</c> (strict): each list holds valid addresses, at most <see cref="MaxPerList"/>.</summary>
public sealed class RecipientsRequest : IValidatable
{
    /// <summary>No bound in the OpenAPI; a reminder is a letter, not a mailing, and the bound keeps the work per request small.</summary>
    public const int MaxPerList = 50;

    public List<string?>? To { get; init; }
    public List<string?>? Cc { get; init; }
    public List<string?>? Bcc { get; init; }

    public void Validate(Validation v)
    {
        Emails(v, To, "to");
        Emails(v, Cc, "cc");
        Emails(v, Bcc, "bcc");
    }

    private static void Emails(Validation v, List<string?>? emails, string field)
    {
        if (emails is null) return;
        if (emails.Count > MaxPerList)
        {
            v.Add(field, $"ensure this value has at most {MaxPerList} items", "value_error.list.max_items");
            return;
        }
        var list = v.At(field);
        for (var i = 0; i < emails.Count; i++)
        {
            if (emails[i] is null) list.At(i).AddHere("none is not an allowed value", "type_error.none.not_allowed");
            else EntityFields.Email(list, emails[i], i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public ReminderRecipients ToRecipients() => new()
    {
        To = To?.Select(e => e!).ToList(),
        Cc = Cc?.Select(e => e!).ToList(),
        Bcc = Bcc?.Select(e => e!).ToList(),
    };
}

/// <summary><c>Reminder</c> (strict): subject, body and days before the term ends, all required.</summary>
public sealed class ReminderRequest : IValidatable
{
    public string? Subject { get; init; }
    public string? Body { get; init; }
    public int? DaysBefore { get; init; }

    public void Validate(Validation v)
    {
        ReminderFields.Letter(v, Subject, Body);
        if (v.Required(DaysBefore, "days_before")) v.Range(DaysBefore, "days_before", 1, 10_000);
    }

    public ReminderText ToText() => new() { Subject = Subject!, Body = Body!, DaysBefore = DaysBefore!.Value };
}

/// <summary><c>OverdueReminderTerm</c> (strict): subject, body and days after the due date, all required.</summary>
public sealed class OverdueReminderTermRequest : IValidatable
{
    public string? Subject { get; init; }
    public string? Body { get; init; }
    public int? DaysAfter { get; init; }

    public void Validate(Validation v)
    {
        ReminderFields.Letter(v, Subject, Body);
        if (v.Required(DaysAfter, "days_after")) v.Range(DaysAfter, "days_after", 1, 10_000);
    }

    public OverdueReminderTerm ToTerm() => new() { Subject = Subject!, Body = Body!, DaysAfter = DaysAfter!.Value };
}

internal static class ReminderFields
{
    /// <summary>The OpenAPI's <c>maxItems</c> for overdue terms.</summary>
    public const int MaxTerms = 3;

    /// <summary>The OpenAPI leaves subject and body unbounded; these keep a stored reminder (and a later e-mail) small.</summary>
    public const int MaxSubject = 1000, MaxBody = 10_000;

    public static void Common(Validation v, string? name, RecipientsRequest? recipients)
    {
        v.Length(name, "name", 1, 255);
        v.Nested(recipients, "recipients");
    }

    public static void Letter(Validation v, string? subject, string? body)
    {
        if (v.Required(subject, "subject")) v.Length(subject, "subject", 1, MaxSubject);
        if (v.Required(body, "body")) v.Length(body, "body", 1, MaxBody);
    }

    public static void Terms(Validation v, List<OverdueReminderTermRequest>? terms)
    {
        if (terms is { Count: 0 }) v.Add("terms", "ensure this value has at least 1 items", "value_error.list.min_items");
        else v.Each(terms, "terms", MaxTerms);
    }
}
