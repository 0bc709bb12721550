using Receivables.Store;

namespace Receivables.BankAccounts;

/// <summary>
/// A bank account of the entity that receives payments (<c>EntityBankAccountResponse</c>). At most one account per
/// currency is the default (<see cref="IsDefaultForCurrency"/>): the one an invoice in that currency shows.
/// </summary>
public sealed class EntityBankAccount : StoredDocument
{
    public const string ResourceName = "entity_bank_account";

    public string? AccountHolderName { get; set; }
    public string? AccountNumber { get; init; }
    public string? BankName { get; init; }
    public string? Bic { get; init; }
    public required string Country { get; init; }
    public required string Currency { get; init; }
    public string? DisplayName { get; set; }
    public string? Iban { get; init; }
    public required bool IsDefaultForCurrency { get; set; }
    public string? RoutingNumber { get; init; }
    public string? SortCode { get; init; }
    public Guid? WasCreatedByUserId { get; init; }

    /// <summary>Lists are oldest first; the API's bank account has no timestamps, so this one is not returned.</summary>
    [StorageOnly]
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary><c>EntityBankAccountPaginationResponse</c>: every account in one page (the route takes no paging parameters).</summary>
public sealed record EntityBankAccountList(IReadOnlyList<EntityBankAccount> Data, string? PrevPaginationToken, string? NextPaginationToken);
