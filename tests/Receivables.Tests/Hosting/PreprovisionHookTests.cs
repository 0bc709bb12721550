using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Hosting;

/// <summary>
/// The azd preprovision hook (infra/hooks/preprovision.sh) run as azd runs it, with a stand-in <c>azd</c> that records
/// each <c>azd env set NAME VALUE</c>: the first run generates valid credentials, a run that finds them in its
/// environment (as azd hands them over) keeps every one, and the hash sent to Key Vault is the secret's. The
/// PowerShell twin of the hook is checked by the hosted workflow, which has pwsh.
/// </summary>
[UnsupportedOSPlatform("windows")] // a POSIX sh script, as azd runs it on Linux and macOS
public sealed partial class PreprovisionHookTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("receivables-hook-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task the_hook_generates_valid_credentials_once_then_keeps_them()
    {
        var first = await Run(new Dictionary<string, string>());

        Assert.Equal(
            ["RECEIVABLES_CLIENT_ID", "RECEIVABLES_CLIENT_SECRET", "RECEIVABLES_CLIENT_SECRET_HASH", "RECEIVABLES_PARTNER_ID", "RECEIVABLES_SIGNING_KEY"],
            first.Keys.Order(StringComparer.Ordinal));
        Assert.Matches(UuidV4(), first["RECEIVABLES_CLIENT_ID"]);
        Assert.Matches(UuidV4(), first["RECEIVABLES_PARTNER_ID"]);
        Assert.NotEqual(first["RECEIVABLES_CLIENT_ID"], first["RECEIVABLES_PARTNER_ID"]);
        Assert.Matches("^[A-Za-z0-9_-]{43,}$", first["RECEIVABLES_CLIENT_SECRET"]); // 32 random bytes, base64url
        Assert.Matches("^[A-Za-z0-9_-]{64,}$", first["RECEIVABLES_SIGNING_KEY"]); // 48 random bytes: over the app's 32-character minimum
        Assert.Equal(Hash(first["RECEIVABLES_CLIENT_SECRET"]), first["RECEIVABLES_CLIENT_SECRET_HASH"]);
        // What main.bicep's parameters demand of them (main.parameters.json hands them over).
        Assert.Equal(36, first["RECEIVABLES_CLIENT_ID"].Length);
        Assert.Equal(71, first["RECEIVABLES_CLIENT_SECRET_HASH"].Length);

        var second = await Run(first);
        Assert.Equal(first, second);

        // A rotated secret (set empty, then provision again) gets a new value, and the hash follows it.
        var rotated = await Run(new Dictionary<string, string>(first) { ["RECEIVABLES_CLIENT_SECRET"] = "" });
        Assert.NotEqual(first["RECEIVABLES_CLIENT_SECRET"], rotated["RECEIVABLES_CLIENT_SECRET"]);
        Assert.Equal(Hash(rotated["RECEIVABLES_CLIENT_SECRET"]), rotated["RECEIVABLES_CLIENT_SECRET_HASH"]);
        Assert.Equal(first["RECEIVABLES_SIGNING_KEY"], rotated["RECEIVABLES_SIGNING_KEY"]);
    }

    private static string Hash(string secret) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Runs the hook with <paramref name="environment"/> set and returns what it stored with `azd env set`.</summary>
    private async Task<Dictionary<string, string>> Run(IReadOnlyDictionary<string, string> environment)
    {
        var bin = Path.Combine(_directory, "bin");
        Directory.CreateDirectory(bin);
        var recorded = Path.Combine(_directory, $"env-{Guid.NewGuid():N}");
        var azd = Path.Combine(bin, "azd");
        await File.WriteAllTextAsync(azd, """
            #!/bin/sh
            [ "$1" = env ] && [ "$2" = set ] && [ "$#" -eq 4 ] || { echo "unexpected: azd $*" >&2; exit 2; }
            printf '%s=%s\n' "$3" "$4" >> "$FAKE_AZD_ENV"
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(azd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var start = new ProcessStartInfo("sh", [RepoFiles.Path("infra", "hooks", "preprovision.sh")])
        {
            WorkingDirectory = RepoFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "RECEIVABLES_CLIENT_ID", "RECEIVABLES_PARTNER_ID", "RECEIVABLES_CLIENT_SECRET", "RECEIVABLES_SIGNING_KEY", "RECEIVABLES_CLIENT_SECRET_HASH" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_AZD_ENV"] = recorded;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"the hook exited {process.ExitCode}: {await output} {await error}");

        var stored = new Dictionary<string, string>();
        foreach (var line in await File.ReadAllLinesAsync(recorded))
        {
            var at = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(stored.TryAdd(line[..at], line[(at + 1)..]), $"the hook set {line[..at]} twice");
        }
        return stored;
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV4();
}
