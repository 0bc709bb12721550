using System.Globalization;
using Receivables.Api;
using Receivables.Domain;

namespace Receivables.CurrencyList;

/// <summary>One currency of <c>GET /internal/currencies</c> (Monite's <c>CurrencyDetails</c>).</summary>
public sealed record CurrencyDetails(string Name, string Symbol, int MinorUnits);

/// <summary>
/// <c>GET /internal/currencies</c>: every currency the API takes, by ISO 4217 code. Minor units come from the ISO 4217
/// table the amounts and PDFs use (<see cref="Domain.Currencies"/>); English names and symbols from the runtime's CLDR
/// data (ICU), which is maintained with .NET itself, with the code standing in where CLDR names no region for it.
/// </summary>
public static class CurrencyEndpoints
{
    private static readonly Lazy<SortedDictionary<string, CurrencyDetails>> All = new(() =>
    {
        var regional = new Dictionary<string, (string Name, string Symbol)>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                regional.TryAdd(region.ISOCurrencySymbol, (region.CurrencyEnglishName, region.CurrencySymbol));
            }
            catch (ArgumentException)
            {
                // A culture without a region names no currency.
            }
        }
        var all = new SortedDictionary<string, CurrencyDetails>(StringComparer.Ordinal);
        foreach (var code in Codes.Currencies)
        {
            var (name, symbol) = regional.TryGetValue(code, out var known) ? known : (code, code);
            all[code] = new CurrencyDetails(name, symbol, Domain.Currencies.MinorUnits(code));
        }
        return all;
    });

    public static Task<ApiResponse> List(ApiRequest request) => Task.FromResult(ApiResponse.Ok(All.Value));
}
