using Receivables.Api;

namespace Receivables.Counterparts;

public sealed partial class CounterpartOperations
{
    /// <summary>Contact persons exist for organizations only. The first contact becomes the default one.</summary>
    public async Task<StoredPart<CounterpartContact>> AddContactAsync(Guid entityId, Guid counterpartId, CreateCounterpartContactRequest request, CancellationToken ct)
    {
        var contact = request.ToContact(isDefault: false);
        var stored = await ChangeAsync(entityId, counterpartId, null, counterpart =>
        {
            if (counterpart.Type != CounterpartType.Organization)
                throw new BusinessRuleException("Contact persons can only be added to organization counterparts");
            RequireRoom(counterpart.Contacts, "contacts");
            contact.IsDefault = counterpart.Contacts.Count == 0;
            counterpart.Contacts.Add(contact);
        }, ct);
        return new(contact, counterpartId, stored.ETag);
    }

    public async Task<StoredPart<CounterpartContact>> GetContactAsync(Guid entityId, Guid counterpartId, Guid contactId, CancellationToken ct)
    {
        var stored = await GetAsync(entityId, counterpartId, ct);
        return new(stored.Document.FindContact(contactId) ?? throw ContactNotFound(contactId), counterpartId, stored.ETag);
    }

    public async Task<IReadOnlyList<CounterpartContact>> ListContactsAsync(Guid entityId, Guid counterpartId, CancellationToken ct) =>
        (await GetAsync(entityId, counterpartId, ct)).Document.Contacts;

    public async Task<StoredPart<CounterpartContact>> UpdateContactAsync(
        Guid entityId, Guid counterpartId, Guid contactId, UpdateCounterpartContactRequest request, string? ifMatch, CancellationToken ct)
    {
        CounterpartContact? changed = null;
        var stored = await ChangeAsync(entityId, counterpartId, ifMatch, counterpart =>
        {
            changed = counterpart.FindContact(contactId) ?? throw ContactNotFound(contactId);
            request.ApplyTo(changed);
        }, ct);
        return new(changed!, counterpartId, stored.ETag);
    }

    /// <summary>Makes one contact the default and every other contact not (idempotent).</summary>
    public async Task<StoredPart<CounterpartContact>> MakeDefaultContactAsync(Guid entityId, Guid counterpartId, Guid contactId, CancellationToken ct)
    {
        CounterpartContact? chosen = null;
        var stored = await ChangeAsync(entityId, counterpartId, null, counterpart =>
        {
            chosen = counterpart.FindContact(contactId) ?? throw ContactNotFound(contactId);
            foreach (var contact in counterpart.Contacts) contact.IsDefault = contact.Id == contactId;
        }, ct);
        return new(chosen!, counterpartId, stored.ETag);
    }

    /// <summary>Deleting the default contact leaves the counterpart without a default until one is made default.</summary>
    public async Task DeleteContactAsync(Guid entityId, Guid counterpartId, Guid contactId, string? ifMatch, CancellationToken ct)
    {
        await ChangeAsync(entityId, counterpartId, ifMatch, counterpart =>
        {
            var contact = counterpart.FindContact(contactId) ?? throw ContactNotFound(contactId);
            counterpart.Contacts.Remove(contact);
        }, ct);
    }

    private static ResourceNotFoundException ContactNotFound(Guid contactId) => new ResourceNotFoundException($"Counterpart contact {contactId} was not found");
}
