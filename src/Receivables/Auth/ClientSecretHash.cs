using System.Security.Cryptography;
using System.Text;

namespace Receivables.Auth;

/// <summary>How client secrets are stored: <c>sha256:&lt;lowercase hex&gt;</c>, compared in constant time.</summary>
public static class ClientSecretHash
{
    private const string Prefix = "sha256:";

    public static string Compute(string secret) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool IsWellFormed(string? hash) =>
        hash is { Length: 71 } && hash.StartsWith(Prefix, StringComparison.Ordinal) && hash[Prefix.Length..].All(Uri.IsHexDigit);

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret)), Encoding.ASCII.GetBytes(storedHash.ToLowerInvariant()));
}
