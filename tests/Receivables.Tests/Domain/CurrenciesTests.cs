namespace Receivables.Tests.Domain;

/// <summary>ISO 4217 minor units for every currency the API accepts.</summary>
public class CurrenciesTests
{
    [Fact]
    public void Every_currency_of_the_api_has_an_exponent_of_0_2_or_3()
    {
        var missing = Codes.Currencies.Where(c => !Currencies.TryGetMinorUnits(c, out _)).ToList();
        Assert.Empty(missing);
        Assert.All(Codes.Currencies, c => Assert.Contains(Currencies.MinorUnits(c), new[] { 0, 2, 3 }));
    }

    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("CLP", 0)]
    [InlineData("ISK", 0)]
    [InlineData("VND", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("JOD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("TND", 3)]
    [InlineData("HUF", 2)]
    public void Known_exponents_from_the_iso_4217_list(string currency, int exponent) =>
        Assert.Equal(exponent, Currencies.MinorUnits(currency));

    [Theory]
    [InlineData(1500, "EUR", "15")]
    [InlineData(1500, "JPY", "1500")]
    [InlineData(1500, "KWD", "1.5")]
    [InlineData(-1, "EUR", "-0.01")]
    [InlineData(9_007_199_254_740_991, "BHD", "9007199254740.991")]
    public void Minor_units_read_as_major_units(long minor, string currency, string major) =>
        Assert.Equal(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture), Currencies.ToMajor(minor, currency));

    [Fact]
    public void A_code_outside_the_list_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Currencies.MinorUnits("XXX"));
}
