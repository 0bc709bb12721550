using Receivables.Api;
using Receivables.Store;

namespace Receivables.Reminders;

/// <summary>
/// Create, read, list, update and delete an entity's payment and overdue reminders. Knows nothing of HTTP. Invoices
/// keep the id of the reminder they name; deleting a reminder leaves it there (nothing is sent yet, so nothing breaks).
/// </summary>
public sealed class ReminderOperations(DocumentStore store, TimeProvider clock)
{
    public async Task<Stored<PaymentReminder>> CreatePaymentAsync(Guid entityId, CreatePaymentReminderRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await store.CreateAsync(new PaymentReminder
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = PaymentReminder.ResourceName,
            CreatedAt = now,
            UpdatedAt = now,
            Name = request.Name!,
            Recipients = request.Recipients?.ToRecipients(),
            Term1Reminder = request.Term1Reminder?.ToText(),
            Term2Reminder = request.Term2Reminder?.ToText(),
            TermFinalReminder = request.TermFinalReminder?.ToText(),
        }, ct);
    }

    public async Task<Stored<OverdueReminder>> CreateOverdueAsync(Guid entityId, CreateOverdueReminderRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await store.CreateAsync(new OverdueReminder
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = OverdueReminder.ResourceName,
            CreatedAt = now,
            UpdatedAt = now,
            Name = request.Name!,
            Recipients = request.Recipients?.ToRecipients(),
            Terms = request.Terms?.Select(t => t.ToTerm()).ToList(),
        }, ct);
    }

    public async Task<Stored<T>> GetAsync<T>(Guid entityId, Guid id, CancellationToken ct) where T : StoredDocument =>
        await store.ReadAsync<T>(entityId, id.ToString(), ResourceOf<T>(), ct) ?? throw NotFound<T>(id);

    /// <summary>All of the entity's reminders of one kind, oldest first: the API does not page them.</summary>
    public Task<IReadOnlyList<T>> ListAsync<T>(Guid entityId, CancellationToken ct) where T : StoredDocument =>
        store.ReadAllAsync<T>(entityId, ResourceOf<T>(), ct);

    public async Task<Stored<PaymentReminder>> UpdatePaymentAsync(Guid entityId, Guid id, UpdatePaymentReminderRequest request, string? ifMatch, CancellationToken ct)
    {
        var updated = await store.UpdateAsync<PaymentReminder>(entityId, id.ToString(), PaymentReminder.ResourceName, ifMatch, reminder =>
        {
            reminder.Name = request.Name ?? reminder.Name;
            reminder.Recipients = request.Recipients?.ToRecipients() ?? reminder.Recipients;
            reminder.Term1Reminder = request.Term1Reminder?.ToText() ?? reminder.Term1Reminder;
            reminder.Term2Reminder = request.Term2Reminder?.ToText() ?? reminder.Term2Reminder;
            reminder.TermFinalReminder = request.TermFinalReminder?.ToText() ?? reminder.TermFinalReminder;
            reminder.UpdatedAt = clock.GetUtcNow();
        }, ct);
        return updated ?? throw NotFound<PaymentReminder>(id);
    }

    public async Task<Stored<OverdueReminder>> UpdateOverdueAsync(Guid entityId, Guid id, UpdateOverdueReminderRequest request, string? ifMatch, CancellationToken ct)
    {
        var updated = await store.UpdateAsync<OverdueReminder>(entityId, id.ToString(), OverdueReminder.ResourceName, ifMatch, reminder =>
        {
            reminder.Name = request.Name ?? reminder.Name;
            reminder.Recipients = request.Recipients?.ToRecipients() ?? reminder.Recipients;
            reminder.Terms = request.Terms?.Select(t => t.ToTerm()).ToList() ?? reminder.Terms;
            reminder.UpdatedAt = clock.GetUtcNow();
        }, ct);
        return updated ?? throw NotFound<OverdueReminder>(id);
    }

    /// <summary>Invoices that name the reminder keep its id (decisions.md, issue 12): nothing cascades.</summary>
    public async Task DeleteAsync<T>(Guid entityId, Guid id, string? ifMatch, CancellationToken ct) where T : StoredDocument
    {
        if (!await store.DeleteCheckedAsync<T>(entityId, id.ToString(), ResourceOf<T>(), ifMatch, _ => { }, ct))
            throw NotFound<T>(id);
    }

    private static string ResourceOf<T>() =>
        typeof(T) == typeof(PaymentReminder) ? PaymentReminder.ResourceName
        : typeof(T) == typeof(OverdueReminder) ? OverdueReminder.ResourceName
        : throw new InvalidOperationException($"{typeof(T).Name} is not a reminder");

    public static ResourceNotFoundException NotFound<T>(Guid id) =>
        new(typeof(T) == typeof(PaymentReminder) ? $"Payment reminder {id} was not found" : $"Overdue reminder {id} was not found");
}
