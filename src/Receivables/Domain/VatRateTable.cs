using System.Security.Cryptography;
using System.Text;

namespace Receivables.Domain;

/// <summary>
/// The VAT rates this project ships: EU-27 and GB, standard and reduced rates, plus a 0 % rate per country
/// (exports, reverse charge, and entities without a VAT id, spec 6.5). There is no US table: US lines use
/// <c>tax_rate_value</c>. Ids are name-based UUIDs (v5) of <c>country:value</c>, so they are the same in every
/// deployment and a <c>vat_rate_id</c> stored in a document resolves for as long as its row stays here.
/// Rates a law replaced stay as inactive rows (with <c>valid_until</c>) for the same reason.
/// </summary>
public static class VatRateTable
{
    /// <summary>The UUID v5 namespace of the table's ids. Never change it: every stored <c>vat_rate_id</c> derives from it.</summary>
    public static readonly Guid Namespace = Guid.Parse("5d0f3c1e-8a4b-4e2f-9c61-7b3a2d9e4f10");

    private static readonly DateOnly EuDirective = new(2007, 1, 1);

    private static readonly IReadOnlyList<VatRateEntry> all = Build();
    private static readonly Dictionary<Guid, VatRateEntry> byId = all.ToDictionary(r => r.Id);
    private static readonly ILookup<string, VatRateEntry> activeByCountry = all.Where(r => r.Status == VatRateStatus.Active).ToLookup(r => r.Country, StringComparer.Ordinal);

    /// <summary>Every row, active and inactive.</summary>
    public static IReadOnlyList<VatRateEntry> All => all;

    /// <summary>Resolves a <c>vat_rate_id</c>, active or not.</summary>
    public static bool TryGet(Guid id, out VatRateEntry rate)
    {
        if (byId.TryGetValue(id, out var found))
        {
            rate = found;
            return true;
        }
        rate = null!;
        return false;
    }

    /// <summary>The active rates of a country, highest first; empty for a country without a table (US, ...).</summary>
    public static IReadOnlyList<VatRateEntry> ForCountry(string country) => activeByCountry[country].ToList();

    /// <summary>The active 0 % rate of a country, if the country has a table.</summary>
    public static VatRateEntry? ZeroRate(string country) => activeByCountry[country].FirstOrDefault(r => r.Value == 0);

    /// <summary>UUID v5 (RFC 9562 §5.5): SHA-1 of namespace and name, version and variant bits set.</summary>
    public static Guid IdOf(string country, int value)
    {
        var name = Encoding.UTF8.GetBytes($"{country}:{value}");
        Span<byte> input = stackalloc byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input[16..]);
        Span<byte> hash = stackalloc byte[20];
        // RFC 9562 defines v5 with SHA-1; it names ids here, it protects nothing.
#pragma warning disable CA5350
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    private static List<VatRateEntry> Build()
    {
        var rows = new List<VatRateEntry>();
        void Rate(string country, int value, DateOnly from, DateOnly? until = null) =>
            rows.Add(new VatRateEntry(IdOf(country, value), country, value, [new VatRateComponent("VAT", value)], from, until));
        void Country(string country, DateOnly zeroFrom, params (int Value, string From)[] rates)
        {
            Rate(country, 0, zeroFrom);
            foreach (var (value, from) in rates) Rate(country, value, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        }
        void Replaced(string country, int value, string from, string until) => Rate(country, value,
            DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture));

        Country("AT", EuDirective, (2000, "1984-01-01"), (1300, "2016-01-01"), (1000, "1984-01-01"));
        Country("BE", EuDirective, (2100, "1996-01-01"), (1200, "1992-04-01"), (600, "1971-01-01"));
        Country("BG", EuDirective, (2000, "1999-01-01"), (900, "2011-04-01"));
        Country("HR", new DateOnly(2013, 7, 1), (2500, "2012-03-01"), (1300, "2014-01-01"), (500, "2013-01-01"));
        Country("CY", EuDirective, (1900, "2014-01-13"), (900, "2014-01-13"), (500, "2005-01-01"));
        Country("CZ", EuDirective, (2100, "2013-01-01"), (1200, "2024-01-01"));
        Replaced("CZ", 1500, "2013-01-01", "2023-12-31");
        Replaced("CZ", 1000, "2015-01-01", "2023-12-31");
        Country("DK", EuDirective, (2500, "1992-01-01"));
        Country("EE", EuDirective, (2400, "2025-07-01"), (1300, "2025-01-01"), (900, "2009-01-01"));
        Replaced("EE", 2200, "2024-01-01", "2025-06-30");
        Replaced("EE", 2000, "2009-07-01", "2023-12-31");
        Country("FI", EuDirective, (2550, "2024-09-01"), (1400, "2013-01-01"), (1000, "2013-01-01"));
        Replaced("FI", 2400, "2013-01-01", "2024-08-31");
        Country("FR", EuDirective, (2000, "2014-01-01"), (1000, "2014-01-01"), (550, "2012-01-01"), (210, "1986-07-01"));
        Country("DE", EuDirective, (1900, "2007-01-01"), (700, "1983-07-01"));
        Replaced("DE", 1600, "2020-07-01", "2020-12-31");
        Replaced("DE", 500, "2020-07-01", "2020-12-31");
        Country("GR", EuDirective, (2400, "2016-06-01"), (1300, "2016-06-01"), (600, "2015-07-01"));
        Country("HU", EuDirective, (2700, "2012-01-01"), (1800, "2009-07-01"), (500, "2009-07-01"));
        Country("IE", EuDirective, (2300, "2021-03-01"), (1350, "2023-09-01"), (900, "2011-07-01"), (480, "2005-01-01"));
        Country("IT", EuDirective, (2200, "2013-10-01"), (1000, "1995-02-24"), (500, "2016-01-01"), (400, "1989-01-01"));
        Country("LV", EuDirective, (2100, "2011-01-01"), (1200, "2011-01-01"), (500, "2018-01-01"));
        Country("LT", EuDirective, (2100, "2009-09-01"), (900, "2009-01-01"), (500, "2009-01-01"));
        Country("LU", EuDirective, (1700, "2024-01-01"), (1400, "2024-01-01"), (800, "2024-01-01"), (300, "1983-01-01"));
        Replaced("LU", 1600, "2023-01-01", "2023-12-31");
        Replaced("LU", 1300, "2023-01-01", "2023-12-31");
        Replaced("LU", 700, "2023-01-01", "2023-12-31");
        Country("MT", EuDirective, (1800, "2004-01-01"), (700, "2011-01-01"), (500, "2004-01-01"));
        Country("NL", EuDirective, (2100, "2012-10-01"), (900, "2019-01-01"));
        Country("PL", EuDirective, (2300, "2011-01-01"), (800, "2011-01-01"), (500, "2011-01-01"));
        Country("PT", EuDirective, (2300, "2011-01-01"), (1300, "2012-01-01"), (600, "2011-01-01"));
        Country("RO", EuDirective, (2100, "2025-08-01"), (1100, "2025-08-01"));
        Replaced("RO", 1900, "2017-01-01", "2025-07-31");
        Replaced("RO", 900, "2008-12-01", "2025-07-31");
        Replaced("RO", 500, "2008-12-01", "2025-07-31");
        Country("SK", EuDirective, (2300, "2025-01-01"), (1900, "2025-01-01"), (500, "2023-01-01"));
        Replaced("SK", 2000, "2011-01-01", "2024-12-31");
        Replaced("SK", 1000, "2011-01-01", "2024-12-31");
        Country("SI", EuDirective, (2200, "2013-07-01"), (950, "2013-07-01"), (500, "2020-01-01"));
        Country("ES", EuDirective, (2100, "2012-09-01"), (1000, "2012-09-01"), (400, "1995-01-01"));
        Country("SE", EuDirective, (2500, "1990-07-01"), (1200, "1992-01-01"), (600, "1996-01-01"));
        Country("GB", new DateOnly(1973, 4, 1), (2000, "2011-01-04"), (500, "1997-09-01"));

        // An id is country:value: one value per country, or two rows would share an id.
        var duplicate = rows.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"VAT rate table: {duplicate.First().Country} {duplicate.First().Value} appears twice");
        return rows.OrderBy(r => r.Country, StringComparer.Ordinal).ThenByDescending(r => r.Value).ToList();
    }
}
