using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using Receivables.Api;
using Receivables.Store;

namespace Receivables.BankAccounts;

/// <summary>
/// An entity's bank accounts. "Default for currency" spans documents: whenever it moves, every account of that
/// currency is written in one TransactionalBatch, each conditional on the version read, so two requests racing
/// to move it cannot both win (the loser re-reads and applies its change again).
/// </summary>
public sealed class EntityBankAccountOperations(DocumentStore store, TimeProvider clock)
{

    public async Task<Stored<EntityBankAccount>> CreateAsync(Guid entityId, CreateEntityBankAccountRequest request, CancellationToken ct)
    {
        var account = new EntityBankAccount
        {
            Id = Guid.NewGuid().ToString(),
            EntityId = entityId,
            Resource = EntityBankAccount.ResourceName,
            CreatedAt = clock.GetUtcNow(),
            AccountHolderName = request.AccountHolderName,
            AccountNumber = request.AccountNumber,
            BankName = request.BankName,
            Bic = request.Bic,
            Country = request.Country!,
            Currency = request.Currency!,
            DisplayName = request.DisplayName,
            Iban = request.Iban,
            RoutingNumber = request.RoutingNumber,
            SortCode = request.SortCode,
            IsDefaultForCurrency = false,
        };
        for (var attempt = 1; ; attempt++)
        {
            var sameCurrency = await SameCurrencyAsync(entityId, account.Currency, ct);
            // The first account of a currency is its default: an invoice in that currency has somewhere to be paid.
            account.IsDefaultForCurrency = request.IsDefaultForCurrency == true || sameCurrency.Count == 0;
            var others = account.IsDefaultForCurrency ? sameCurrency.Where(a => a.IsDefaultForCurrency).ToList() : [];
            if (others.Count == 0) return await store.CreateAsync(account, ct);

            var c = await store.ContainerAsync().WaitAsync(ct);
            var batch = c.CreateTransactionalBatch(new PartitionKey(entityId.ToString())).CreateItem(account);
            foreach (var other in others) batch.PatchItem(other.Id, [PatchOperation.Set("/is_default_for_currency", false)], new() { IfMatchEtag = other.ETag });
            using var response = await batch.ExecuteAsync(ct);
            if (response.IsSuccessStatusCode) return new Stored<EntityBankAccount>(account, response[0].ETag);
            if (attempt >= Contention.MaxAttempts) throw Contention.Exhausted($"the bank accounts in {account.Currency}");
            await Contention.BackoffAsync(attempt, ct);
        }
    }

    public async Task<Stored<EntityBankAccount>> GetAsync(Guid entityId, Guid accountId, CancellationToken ct) =>
        await store.ReadAsync<EntityBankAccount>(entityId, accountId.ToString(), EntityBankAccount.ResourceName, ct) ?? throw NotFound(accountId);

    /// <summary>All of the entity's accounts, oldest first: an entity has a few, and the route takes no paging parameters.</summary>
    public async Task<IReadOnlyList<EntityBankAccount>> ListAsync(Guid entityId, CancellationToken ct)
    {
        return await store.ReadAllAsync<EntityBankAccount>(entityId, EntityBankAccount.ResourceName, ct);
    }

    public async Task<Stored<EntityBankAccount>> UpdateAsync(Guid entityId, Guid accountId, UpdateEntityBankAccountRequest request, string? ifMatch, CancellationToken ct)
    {
        var updated = await store.UpdateAsync<EntityBankAccount>(entityId, accountId.ToString(), EntityBankAccount.ResourceName, ifMatch, account =>
        {
            account.AccountHolderName = request.AccountHolderName ?? account.AccountHolderName;
            account.DisplayName = request.DisplayName ?? account.DisplayName;
        }, ct);
        return updated ?? throw NotFound(accountId);
    }

    /// <summary>Makes the account the default of its currency and every other account of that currency not the default.</summary>
    public async Task<Stored<EntityBankAccount>> MakeDefaultAsync(Guid entityId, Guid accountId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var target = await GetAsync(entityId, accountId, ct);
            var others = (await SameCurrencyAsync(entityId, target.Document.Currency, ct))
                .Where(a => a.IsDefaultForCurrency && a.Id != target.Document.Id).ToList();
            if (target.Document.IsDefaultForCurrency && others.Count == 0) return target;

            var c = await store.ContainerAsync().WaitAsync(ct);
            var batch = c.CreateTransactionalBatch(new PartitionKey(entityId.ToString()));
            target.Document.IsDefaultForCurrency = true;
            batch.ReplaceItem(target.Document.Id, target.Document, new() { IfMatchEtag = target.ETag });
            foreach (var other in others) batch.PatchItem(other.Id, [PatchOperation.Set("/is_default_for_currency", false)], new() { IfMatchEtag = other.ETag });
            using var response = await batch.ExecuteAsync(ct);
            if (response.IsSuccessStatusCode) return new Stored<EntityBankAccount>(target.Document, response[0].ETag);
            if (attempt >= Contention.MaxAttempts) throw Contention.Exhausted($"the bank accounts in {target.Document.Currency}");
            await Contention.BackoffAsync(attempt, ct);
        }
    }

    /// <summary>Deleting the default leaves its currency without one until another is made default: nothing is chosen silently.</summary>
    public async Task DeleteAsync(Guid entityId, Guid accountId, string? ifMatch, CancellationToken ct)
    {
        if (!await store.DeleteCheckedAsync<EntityBankAccount>(entityId, accountId.ToString(), EntityBankAccount.ResourceName, ifMatch, _ => { }, ct))
            throw NotFound(accountId);
    }

    private async Task<IReadOnlyList<AccountVersion>> SameCurrencyAsync(Guid entityId, string currency, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT c.id, c._etag, c.is_default_for_currency FROM c WHERE c.resource = @resource AND c.currency = @currency")
            .WithParameter("@resource", EntityBankAccount.ResourceName)
            .WithParameter("@currency", currency);
        return await store.QueryAllAsync<AccountVersion>(query, entityId, ct);
    }

    public static ResourceNotFoundException NotFound(Guid accountId) => new ResourceNotFoundException($"Bank account {accountId} was not found");

    private sealed record AccountVersion(string Id, [property: JsonPropertyName("_etag")] string ETag, bool IsDefaultForCurrency);
}
