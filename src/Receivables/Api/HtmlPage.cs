using System.Security.Cryptography;
using System.Text;

namespace Receivables.Api;

/// <summary>
/// The product's few web pages (the hosted payment page): one layout, one inline stylesheet, and the headers every
/// page is sent with. Nothing is loaded from anywhere: the policy allows the stylesheet by its hash and images only
/// as data URIs, runs no script, and lets no site frame the page.
/// </summary>
public static class HtmlPage
{
    private const string Stylesheet =
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;background:#f4f5f7;color:#1d2330;margin:0;padding:24px}" +
        "main{max-width:560px;margin:0 auto;background:#fff;border-radius:12px;padding:28px;box-shadow:0 1px 4px rgba(0,0,0,.08)}" +
        "h1{font-size:1.3rem;margin:0 0 4px}p.sub{color:#5b6475;margin:0 0 20px}" +
        ".amount{font-size:2rem;font-weight:600;margin:8px 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:16px 0}" +
        "dt{color:#5b6475}dd{margin:0;font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}" +
        ".qr{text-align:center;margin:20px 0}.qr img{width:220px;height:220px;image-rendering:pixelated}" +
        ".state{padding:14px 16px;border-radius:8px;background:#eef1f6;margin:16px 0}.state.paid{background:#e5f6ea}.state.expired{background:#fbeeee}" +
        "a.button{display:inline-block;padding:10px 16px;border-radius:8px;background:#1f4fd1;color:#fff;text-decoration:none;margin:6px 8px 0 0}" +
        "a.plain{color:#1f4fd1}footer{color:#8a92a3;font-size:.8rem;margin-top:24px}";

    /// <summary>Content-Security-Policy of every page: no source at all but the inline stylesheet (by hash) and data: images.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Stylesheet)))}'; " +
        "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>A whole page; <paramref name="bodyHtml"/> is already encoded (use <see cref="Encode"/> for every value).</summary>
    public static string Render(string title, string bodyHtml, string language = "en") =>
        $"<!DOCTYPE html>\n<html lang=\"{Encode(language)}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">" +
        $"<meta name=\"robots\" content=\"noindex,nofollow\"><title>{Encode(title)}</title><style>{Stylesheet}</style></head>" +
        $"<body><main>{bodyHtml}</main></body></html>";

    /// <summary>An error as a page: the status and a plain message, nothing of the request echoed.</summary>
    public static string Error(int status, string message) =>
        Render(message, $"<h1>{Encode(message)}</h1><p class=\"sub\">HTTP {status}</p>");

    /// <summary>
    /// Text or an attribute value (always double-quoted here) made inert: the five characters that mean markup are
    /// escaped, everything else stays as it is in the UTF-8 page (WebUtility would write "ü" as "&amp;#252;").
    /// </summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? (char.IsControl(c) && c is not ('\n' or '\t') ? " " : c.ToString()));
        }
        return encoded.ToString();
    }
}
