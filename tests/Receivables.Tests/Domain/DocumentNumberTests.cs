using Receivables.Domain.Numbering;

namespace Receivables.Tests.Domain;

public sealed class DocumentNumberTests
{
    [Theory]
    [InlineData("INV", null, "-", false, 5, 1, "INV-00001")]
    [InlineData("Q", null, "-", false, 5, 42, "Q-00042")]
    [InlineData("IN", "EX-ORG", "/", true, 5, 3, "IN/EX-ORG/2026/00003")]
    [InlineData("CN", "ACME", "", false, 3, 7, "CNACME007")]
    [InlineData("INV", null, ".", true, 1, 123456, "INV.2026.123456")]
    public void numbers_read_as_the_settings_say(string typePrefix, string? prefix, string separator, bool includeDate, int minDigits, long number, string expected) =>
        Assert.Equal(expected, new DocumentNumberFormat(typePrefix, prefix, separator, includeDate, minDigits).Format(number, 2026));

    [Fact]
    public void counters_are_per_type_gapless_and_never_go_back()
    {
        var c = new DocumentCounters();
        Assert.Equal([1L, 2L, 3L], new[] { c.Take("invoice"), c.Take("invoice"), c.Take("invoice") });
        Assert.Equal(1, c.Take("quote"));
        c.SetNext("invoice", 10);
        Assert.Equal(10, c.Take("invoice"));
        Assert.Throws<ValidationException>(() => c.SetNext("invoice", 10));
        Assert.Throws<ValidationException>(() => c.SetNext("quote", 1));
        c.SetNext("credit_note", 5);
        Assert.Equal(5, c.NextOf("credit_note"));
    }
}
