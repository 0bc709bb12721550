using System.Diagnostics;
using System.Text.Json.Nodes;
using Receivables.Tests.PaymentLinks;

namespace Receivables.Tests.Infrastructure;

/// <summary>
/// Runs one of tests/browser's node scripts (playwright-core driving Debian's chromium) with a JSON input, and reads the
/// one JSON object it writes to stdout: the browser tests assert on that report.
/// </summary>
public static class BrowserScript
{
    /// <param name="script">The script's file in tests/browser.</param>
    /// <param name="package">A package the script needs, to say what to install when tests/browser has no node_modules.</param>
    public static async Task<JsonObject> RunAsync(string script, JsonObject input, TimeSpan timeout, string package = "playwright-core")
    {
        var folder = RepoFiles.Path("tests", "browser");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", package)),
            $"tests/browser has no node_modules/{package}: run `npm ci --prefix tests/browser` (tests/test.sh does)");
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(input.ToJsonString());
        start.Environment["CHROMIUM_PATH"] = ChromiumFactAttribute.Chromium;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(process.ExitCode == 0, $"browser script {script} failed ({process.ExitCode}): {await stderr}");
        return JsonNode.Parse(await stdout)!.AsObject();
    }
}
