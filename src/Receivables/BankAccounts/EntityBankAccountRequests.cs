using System.Numerics;
using Receivables.Api;
using Receivables.Domain;

namespace Receivables.BankAccounts;

/// <summary>
/// <c>POST /bank_accounts</c> body (strict, <c>CreateEntityBankAccountRequest</c>). The OpenAPI leaves most strings
/// unbounded; they are bounded here by the formats they carry (IBAN, BIC, ABA routing number, UK sort code).
/// </summary>
public sealed class CreateEntityBankAccountRequest : IValidatable
{
    public string? AccountHolderName { get; init; }
    public string? AccountNumber { get; init; }
    public string? BankName { get; init; }
    public string? Bic { get; init; }
    public string? Country { get; init; }
    public string? Currency { get; init; }
    public string? DisplayName { get; init; }
    public string? Iban { get; init; }
    public bool? IsDefaultForCurrency { get; init; }
    public string? RoutingNumber { get; init; }
    public string? SortCode { get; init; }

    public void Validate(Validation v)
    {
        if (v.Required(Country, "country") && !Codes.Countries.Contains(Country!))
            v.Add("country", "value is not a valid enumeration member (ISO 3166-1 alpha-2)", "type_error.enum");
        if (v.Required(Currency, "currency") && !Codes.Currencies.Contains(Currency!))
            v.Add("currency", "value is not a valid enumeration member (ISO 4217)", "type_error.enum");
        v.Length(AccountHolderName, "account_holder_name", 1, 200);
        v.Length(DisplayName, "display_name", 1, 200);
        v.Length(BankName, "bank_name", 1, 255);
        if (AccountNumber is not null && !(AccountNumber.Length is >= 4 and <= 34 && AccountNumber.All(char.IsAsciiLetterOrDigit)))
            v.Add("account_number", "must be 4 to 34 letters or digits", "value_error");
        if (Iban is not null && !BankAccountFormats.IsIban(Iban))
            v.Add("iban", "value is not a valid IBAN", "value_error");
        if (Bic is not null && !BankAccountFormats.IsBic(Bic))
            v.Add("bic", "value is not a valid BIC (8 or 11 characters)", "value_error");
        if (RoutingNumber is not null && !(RoutingNumber.Length == 9 && RoutingNumber.All(char.IsAsciiDigit)))
            v.Add("routing_number", "must be 9 digits", "value_error");
        if (SortCode is not null && !BankAccountFormats.IsSortCode(SortCode))
            v.Add("sort_code", "must be 6 digits (dashes allowed)", "value_error");

        // An account a payer cannot pay into is no account: an IBAN, or a national account number with its bank code.
        if (Iban is null && AccountNumber is null)
            v.Add("iban", "either iban or account_number is required", "value_error.missing");
        if (Iban is null && AccountNumber is not null && Country == "US" && RoutingNumber is null)
            v.Add("routing_number", "a US account number needs its routing_number", "value_error.missing");
        if (Iban is null && AccountNumber is not null && Country == "GB" && SortCode is null)
            v.Add("sort_code", "a GB account number needs its sort_code", "value_error.missing");
    }
}

/// <summary><c>PATCH /bank_accounts/{bank_account_id}</c> body (strict, <c>UpdateEntityBankAccountRequest</c>): names only.</summary>
public sealed class UpdateEntityBankAccountRequest : IValidatable
{
    public string? AccountHolderName { get; init; }
    public string? DisplayName { get; init; }

    public void Validate(Validation v)
    {
        v.Length(AccountHolderName, "account_holder_name", 1, 200);
        v.Length(DisplayName, "display_name", 1, 200);
    }
}

public static class BankAccountFormats
{
    /// <summary>ISO 13616: country, check digits, up to 30 alphanumerics; the mod-97 check catches typos.</summary>
    public static bool IsIban(string iban)
    {
        if (iban.Length is < 15 or > 34 || !iban.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))) return false;
        if (!char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1]) || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3])) return false;
        var rearranged = iban[4..] + iban[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97 == 1;
    }

    /// <summary>ISO 9362: 4 letters bank, 2 letters country, 2 alphanumerics location, optional 3 alphanumerics branch.</summary>
    public static bool IsBic(string bic) =>
        bic.Length is 8 or 11
        && bic[..6].All(char.IsAsciiLetterUpper)
        && bic[6..].All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    public static bool IsSortCode(string sortCode)
    {
        var digits = sortCode.Replace("-", "", StringComparison.Ordinal);
        return sortCode.Length <= 8 && digits.Length == 6 && digits.All(char.IsAsciiDigit);
    }
}
