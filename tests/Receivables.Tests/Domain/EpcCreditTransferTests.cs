using System.Text;
using Receivables.Domain.Payments;

namespace Receivables.Tests.Domain;

/// <summary>The EPC QR payload against the fields and limits of EPC069-12 (version 002, UTF-8, SCT).</summary>
public class EpcCreditTransferTests
{
    [Fact]
    public void Lays_out_the_fields_of_the_standard_in_order()
    {
        var payload = EpcCreditTransfer.Payload("Acme GmbH", "DE89 3704 0044 0532 0130 00", "COBADEFFXXX", "EUR", 5950, "INV-00042");

        Assert.Equal(
            "BCD\n002\n1\nSCT\nCOBADEFFXXX\nAcme GmbH\nDE89370400440532013000\nEUR59.50\n\n\nINV-00042",
            payload);
    }

    [Fact]
    public void The_bic_is_optional_in_version_002_and_an_invalid_one_is_left_out()
    {
        var lines = EpcCreditTransfer.Payload("Acme", "DE89370400440532013000", "BAD", "EUR", 1, null)!.Split('\n');

        Assert.Equal("", lines[4]);
        Assert.Equal("EUR0.01", lines[7]);
        Assert.Equal(8, lines.Length); // trailing empty fields are omitted, as the standard allows
    }

    [Theory]
    [InlineData("USD", 100)]
    [InlineData("EUR", 0)]
    [InlineData("EUR", -5)]
    [InlineData("EUR", EpcCreditTransfer.MaxAmountCents + 1)]
    public void Returns_null_for_what_the_standard_cannot_express(string currency, long amount)
    {
        Assert.Null(EpcCreditTransfer.Payload("Acme", "DE89370400440532013000", null, currency, amount, "x"));
    }

    [Fact]
    public void The_largest_amount_is_accepted()
    {
        var lines = EpcCreditTransfer.Payload("Acme", "DE89370400440532013000", null, "EUR", EpcCreditTransfer.MaxAmountCents, null)!.Split('\n');
        Assert.Equal("EUR999999999.99", lines[7]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Needs_a_beneficiary_name(string? name)
    {
        Assert.Null(EpcCreditTransfer.Payload(name, "DE89370400440532013000", null, "EUR", 100, null));
    }

    [Fact]
    public void Needs_an_iban()
    {
        Assert.Null(EpcCreditTransfer.Payload("Acme", null, null, "EUR", 100, null));
        Assert.Null(EpcCreditTransfer.Payload("Acme", "DE89", null, "EUR", 100, null));
    }

    [Fact]
    public void Line_breaks_in_texts_cannot_shift_the_fields()
    {
        var lines = EpcCreditTransfer.Payload("Acme\nGmbH", "DE89370400440532013000", null, "EUR", 100, "INV-1\r\nthanks")!.Split('\n');

        Assert.Equal(11, lines.Length);
        Assert.Equal("Acme GmbH", lines[5]);
        Assert.Equal("INV-1  thanks", lines[10]);
    }

    [Fact]
    public void Long_texts_are_cut_to_the_field_limits_and_the_payload_to_331_bytes()
    {
        var payload = EpcCreditTransfer.Payload(new string('ä', 100), "DE89370400440532013000", "COBADEFFXXX", "EUR", 100, new string('€', 200))!;
        var lines = payload.Split('\n');

        Assert.Equal(EpcCreditTransfer.MaxNameLength, lines[5].Length);
        Assert.True(lines[10].Length <= EpcCreditTransfer.MaxRemittanceTextLength);
        Assert.True(Encoding.UTF8.GetByteCount(payload) <= EpcCreditTransfer.MaxPayloadBytes, $"{Encoding.UTF8.GetByteCount(payload)} bytes");
        Assert.True(Encoding.UTF8.GetByteCount(payload) > EpcCreditTransfer.MaxPayloadBytes - 3, "cut no more than needed");
    }

    [Fact]
    public void Never_splits_a_surrogate_pair()
    {
        var name = new string('a', EpcCreditTransfer.MaxNameLength - 1) + "😀";
        var line = EpcCreditTransfer.Payload(name, "DE89370400440532013000", null, "EUR", 100, null)!.Split('\n')[5];
        Assert.Equal(new string('a', EpcCreditTransfer.MaxNameLength - 1), line);
    }
}
