using Receivables.Store;

namespace Receivables.Entities;

/// <summary>
/// A VAT id of the entity (<c>/entities/{entity_id}/vat_ids</c>), stored in the entity's own partition so that
/// a receivable create reads it with one point read and <c>GET /vat_rates</c> lists them with one partition query.
/// </summary>
public sealed class EntityVatId : StoredDocument
{
    public const string ResourceName = "entity_vat_id";

    /// <summary><c>VatIDTypeEnum</c> of the OpenAPI; <c>unknown</c> when the client does not say.</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "ae_trn", "au_abn", "au_arn", "bg_uic", "br_cnpj", "br_cpf", "ca_bn", "ca_gst_hst", "ca_pst_bc", "ca_pst_mb",
        "ca_pst_sk", "ca_qst", "ch_vat", "cl_tin", "es_cif", "eu_oss_vat", "eu_vat", "gb_vat", "ge_vat", "hk_br", "hu_tin",
        "id_npwp", "il_vat", "in_gst", "is_vat", "jp_cn", "jp_rn", "kr_brn", "li_uid", "mx_rfc", "my_frp", "my_itn",
        "my_sst", "no_vat", "nz_gst", "ru_inn", "ru_kpp", "sa_vat", "sg_gst", "sg_uen", "si_tin", "th_vat", "tw_vat",
        "ua_vat", "us_ein", "za_vat", "unknown",
    };

    public required string Country { get; set; }
    public required string Value { get; set; }
    public required string Type { get; set; }
}

/// <summary><c>EntityVatIDResponse</c>: the stored VAT id plus <c>entity_id</c>, which the store keeps as the partition key.</summary>
public sealed record EntityVatIdResponse(string Id, Guid EntityId, string Country, string Value, string Type)
{
    public static EntityVatIdResponse From(EntityVatId v) => new(v.Id, v.EntityId, v.Country, v.Value, v.Type);
}

/// <summary><c>EntityVatIDResourceList</c>: all of the entity's VAT ids, unpaged as in the OpenAPI.</summary>
public sealed record EntityVatIdList(IReadOnlyList<EntityVatIdResponse> Data);
