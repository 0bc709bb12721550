using System.Text.Json.Serialization;
using Receivables.Store;

namespace Receivables.Reminders;

/// <summary>
/// A payment reminder of an entity (spec 6.10, <c>PaymentReminderResponse</c>): what to write to the counterpart some
/// days before each term of an invoice's payment terms. Stored and attached to invoices; not sent yet.
/// </summary>
public sealed class PaymentReminder : StoredDocument
{
    public const string ResourceName = "payment_reminder";

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string Name { get; set; }
    public ReminderRecipients? Recipients { get; set; }

    [JsonPropertyName("term_1_reminder")]
    public ReminderText? Term1Reminder { get; set; }

    [JsonPropertyName("term_2_reminder")]
    public ReminderText? Term2Reminder { get; set; }

    public ReminderText? TermFinalReminder { get; set; }
}

/// <summary>
/// An overdue reminder of an entity (spec 6.10, <c>OverdueReminderResponse</c>): up to three letters, each some days
/// after an invoice's due date. Stored and attached to invoices; not sent yet.
/// </summary>
public sealed class OverdueReminder : StoredDocument
{
    public const string ResourceName = "overdue_reminder";

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string Name { get; set; }
    public ReminderRecipients? Recipients { get; set; }
    public List<OverdueReminderTerm>? Terms { get; set; }
}

/// <summary><c>Recipients</c>: who gets the reminder besides the counterpart's default contact.</summary>
public sealed class ReminderRecipients
{
    public List<string>? To { get; set; }
    public List<string>? Cc { get; set; }
    public List<string>? Bcc { get; set; }
}

/// <summary><c>Reminder</c>: one letter, <see cref="DaysBefore"/> days before a term ends.</summary>
public sealed class ReminderText
{
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public required int DaysBefore { get; set; }
}

/// <summary><c>OverdueReminderTerm</c>: one letter, <see cref="DaysAfter"/> days after the due date.</summary>
public sealed class OverdueReminderTerm
{
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public required int DaysAfter { get; set; }
}

/// <summary>
/// <c>PaymentReminderResponse</c>: the stored reminder plus <c>entity_id</c> (the partition key, storage-only elsewhere)
/// and <c>status</c>, always <c>active</c>: a deleted reminder is gone, not kept with <c>deleted</c>.
/// </summary>
public sealed record PaymentReminderResponse(
    string Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, Guid EntityId, string Name, ReminderRecipients? Recipients, string Status,
    [property: JsonPropertyName("term_1_reminder")] ReminderText? Term1Reminder,
    [property: JsonPropertyName("term_2_reminder")] ReminderText? Term2Reminder,
    ReminderText? TermFinalReminder)
{
    public static PaymentReminderResponse From(PaymentReminder r) =>
        new(r.Id, r.CreatedAt, r.UpdatedAt, r.EntityId, r.Name, r.Recipients, "active", r.Term1Reminder, r.Term2Reminder, r.TermFinalReminder);
}

/// <summary><c>GetAllPaymentReminders</c> and <c>AllOverdueRemindersResponse</c>: unpaged, oldest first.</summary>
public sealed record ReminderList<T>(IReadOnlyList<T> Data);
