using Receivables.History;

namespace Receivables.Tests.Lifecycle;

/// <summary>History ids order events of one instant in the order they were made (the history list sorts on (timestamp, id)).</summary>
public sealed class HistoryIdTests
{
    [Fact]
    public void ids_of_one_instant_sort_as_text_in_the_order_they_were_made()
    {
        var at = DateTimeOffset.Parse("2026-11-28T12:00:00.123456Z", System.Globalization.CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(0, 5_000).Select(_ => HistoryIds.Next(at).ToString()).ToList();
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void ids_are_version_7_uuids_that_carry_the_millisecond()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_123);
        var id = HistoryIds.Next(at);
        Assert.Equal(7, id.Version);
        Assert.InRange(id.Variant, 8, 11); // RFC 9562 variant: bits 10xx
        Assert.StartsWith(at.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture), id.ToString("N"), StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(HistoryIds.Next(at.AddMilliseconds(-1)).ToString(), id.ToString()) < 0);
    }
}
