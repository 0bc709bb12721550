using System.Text.Json;
using Receivables.Api;
using Receivables.Counterparts;
using Receivables.Entities;
using Receivables.MeasureUnits;
using Receivables.Products;
using Receivables.Reminders;
using Receivables.Store;

namespace Receivables.Documents;

/// <summary>
/// Everything a receivable is made from, read in one ReadMany of the entity's partition (the entity itself, the
/// counterpart with its addresses/contacts/VAT ids, products, custom VAT rates, payment terms, reminders, bank account
/// and VAT id, and the measure units catalog products name). Resources only this code reads as
/// snapshots are kept as JSON: their stored fields are the API's, which is what a document copies.
/// </summary>
public sealed class ReferenceSet
{
    private readonly Entity? entity;

    private ReferenceSet(Entity? entity) => this.entity = entity;

    /// <summary>The issuing entity, when the change asked for it (<see cref="ReferenceNeeds.Entity"/>).</summary>
    public Entity Entity => entity ?? throw new InvalidOperationException("The entity was not read for this change; say so in its ReferenceNeeds");
    /// <summary>Every counterpart read: an update that changes the counterpart reads the old and the new one.</summary>
    public Dictionary<Guid, Counterpart> Counterparts { get; } = [];
    public Dictionary<Guid, Product> Products { get; } = [];
    public Dictionary<Guid, MeasureUnit> MeasureUnits { get; } = [];
    public Dictionary<Guid, JsonElement> CustomVatRates { get; } = [];
    public Dictionary<Guid, JsonElement> PaymentTerms { get; } = [];
    public Dictionary<Guid, JsonElement> BankAccounts { get; } = [];
    public Dictionary<Guid, JsonElement> EntityVatIds { get; } = [];
    public Dictionary<Guid, Receivable> Receivables { get; } = [];
    /// <summary>Reminders are named, never copied: knowing that the entity has them is enough.</summary>
    public HashSet<Guid> PaymentReminders { get; } = [];
    public HashSet<Guid> OverdueReminders { get; } = [];

    public const string CustomVatRateResource = "custom_vat_rate";
    public const string PaymentTermsResource = "payment_terms";
    public const string BankAccountResource = "entity_bank_account";
    public const string EntityVatIdResource = "entity_vat_id";

    /// <param name="withMeasureUnits">
    /// Catalog products name their measure unit by id; an entity has few units, so all of them come in the same query
    /// rather than in a second round trip once the products are known.
    /// </param>
    /// <param name="withEntity">
    /// Whether the entity is read too. Only a change that needs nothing (a memo, inline lines) leaves it out, and then,
    /// with no id either, nothing is read at all: no round trip.
    /// </param>
    /// <param name="withBankAccounts">All of the entity's bank accounts too (a few), to find the default of a currency.</param>
    public static async Task<ReferenceSet> LoadAsync(DocumentStore store, Guid entityId, IEnumerable<Guid?> ids, CancellationToken ct, bool withMeasureUnits = false, bool withEntity = true,
        bool withBankAccounts = false)
    {
        var wanted = ids.Where(id => id is not null).Select(id => id!.Value.ToString()).ToList();
        if (withEntity) wanted.Add(entityId.ToString());
        string[] allOf = [.. withMeasureUnits ? [MeasureUnit.ResourceName] : Array.Empty<string>(), .. withBankAccounts ? [BankAccountResource] : Array.Empty<string>()];
        if (wanted.Count == 0 && allOf.Length == 0) return new ReferenceSet(null);
        var documents = await store.ReadManyAsync(entityId, wanted, ct, allOf);
        Entity? entity = null;
        var counterparts = new List<Counterpart>();
        var set = new List<(string Resource, Guid Id, JsonElement Json)>();
        foreach (var doc in documents)
        {
            var resource = doc.TryGetProperty("resource", out var r) ? r.GetString() : null;
            var id = Guid.TryParse(doc.GetProperty("id").GetString(), out var g) ? g : Guid.Empty;
            switch (resource)
            {
                case Entity.ResourceName: entity = doc.Deserialize<Entity>(ApiJson.Storage); break;
                case Counterpart.ResourceName: counterparts.Add(doc.Deserialize<Counterpart>(ApiJson.Storage)!); break;
                default: set.Add((resource ?? "", id, doc)); break;
            }
        }
        if (withEntity && entity is null) throw EntityDirectory.NotFound(entityId);
        var references = new ReferenceSet(entity);
        foreach (var c in counterparts) references.Counterparts[Guid.Parse(c.Id)] = c;
        foreach (var (resource, id, json) in set)
        {
            switch (resource)
            {
                case Product.ResourceName: references.Products[id] = json.Deserialize<Product>(ApiJson.Storage)!; break;
                case CustomVatRateResource: references.CustomVatRates[id] = json; break;
                case PaymentTermsResource: references.PaymentTerms[id] = json; break;
                case BankAccountResource: references.BankAccounts[id] = json; break;
                case EntityVatIdResource: references.EntityVatIds[id] = json; break;
                case Receivable.ResourceName: references.Receivables[id] = json.Deserialize<Receivable>(ApiJson.Storage)!; break;
                case MeasureUnit.ResourceName: references.MeasureUnits[id] = json.Deserialize<MeasureUnit>(ApiJson.Storage)!; break;
                case PaymentReminder.ResourceName: references.PaymentReminders.Add(id); break;
                case OverdueReminder.ResourceName: references.OverdueReminders.Add(id); break;
            }
        }
        return references;
    }
}

/// <summary>
/// What one change to a stored document must read besides the document: these ids, and the entity only when a rule
/// asks about it (its settings, say). A change that needs neither costs no read.
/// </summary>
public sealed record ReferenceNeeds(IEnumerable<Guid?> Ids, bool Entity = false, bool MeasureUnits = false);
