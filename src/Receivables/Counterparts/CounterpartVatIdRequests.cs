using Receivables.Api;

namespace Receivables.Counterparts;

/// <summary><c>POST /counterparts/{id}/vat_ids</c> body (strict, <c>CounterpartVatID</c>).</summary>
public sealed class CreateCounterpartVatIdRequest : IValidatable
{
    public string? Country { get; init; }
    public string? Type { get; init; }
    public string? Value { get; init; }

    public void Validate(Validation v)
    {
        CounterpartFields.Country(v, Country, "country");
        VatIdTypes.Check(v, Type);
        if (v.Required(Value, "value")) v.Length(Value, "value", 1, 32);
    }

    public CounterpartVatId ToVatId(Guid counterpartId) => new()
    {
        Id = Guid.NewGuid(), CounterpartId = counterpartId, Country = Country, Type = Type ?? VatIdTypes.Unknown, Value = Value!,
    };
}

/// <summary><c>PATCH /counterparts/{id}/vat_ids/{vat_id}</c> body (strict, <c>CounterpartUpdateVatID</c>): only the fields sent change.</summary>
public sealed class UpdateCounterpartVatIdRequest : IValidatable
{
    public string? Country { get; init; }
    public string? Type { get; init; }
    public string? Value { get; init; }

    public void Validate(Validation v)
    {
        CounterpartFields.Country(v, Country, "country");
        VatIdTypes.Check(v, Type);
        v.Length(Value, "value", 1, 32);
    }

    public void ApplyTo(CounterpartVatId vatId)
    {
        vatId.Country = Country ?? vatId.Country;
        vatId.Type = Type ?? vatId.Type;
        vatId.Value = Value ?? vatId.Value;
    }
}

/// <summary>The OpenAPI's <c>VatIDTypeEnum</c>.</summary>
public static class VatIdTypes
{
    public const string Unknown = "unknown";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "ae_trn", "au_abn", "au_arn", "bg_uic", "br_cnpj", "br_cpf", "ca_bn", "ca_gst_hst", "ca_pst_bc", "ca_pst_mb",
        "ca_pst_sk", "ca_qst", "ch_vat", "cl_tin", "es_cif", "eu_oss_vat", "eu_vat", "gb_vat", "ge_vat", "hk_br",
        "hu_tin", "id_npwp", "il_vat", "in_gst", "is_vat", "jp_cn", "jp_rn", "kr_brn", "li_uid", "mx_rfc", "my_frp",
        "my_itn", "my_sst", "no_vat", "nz_gst", "ru_inn", "ru_kpp", "sa_vat", "sg_gst", "sg_uen", "si_tin", "th_vat",
        "tw_vat", "ua_vat", "us_ein", "za_vat", Unknown,
    };

    internal static void Check(Validation v, string? type)
    {
        if (type is not null && !All.Contains(type))
            v.Add("type", "value is not a valid enumeration member (VatIDTypeEnum)", "type_error.enum");
    }
}
