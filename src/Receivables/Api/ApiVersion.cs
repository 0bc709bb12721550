using Microsoft.AspNetCore.Http;

namespace Receivables.Api;

/// <summary>The <c>x-monite-version</c> header (spec 1.1, 7): required on every call.</summary>
public static class ApiVersion
{
    public const string Header = "x-monite-version";

    /// <summary>The only version whose request and response shapes this server implements.</summary>
    public const string Current = "2024-05-25";

    private static readonly string[] Older = ["2023-06-04", "2023-09-01", "2024-01-31"];

    public static string Require(IHeaderDictionary headers)
    {
        var value = headers[Header].ToString().Trim();
        if (value.Length == 0)
            throw ApiException.BadRequest("Missing the x-monite-version HTTP header", "missing_api_version");
        if (value == Current) return value;
        if (Older.Contains(value))
            throw ApiException.BadRequest($"API version {value} is not supported by this server; send x-monite-version: {Current}", "unsupported_api_version");
        throw ApiException.BadRequest($"Unknown API version '{value}'; send x-monite-version: {Current}", "unsupported_api_version");
    }
}
