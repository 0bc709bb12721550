using System.Diagnostics;
using System.Text;
using Receivables.Pdfs;

namespace Receivables.Tests.Infrastructure;

/// <summary>
/// Blob storage for the tests: Azurite's blob service (tools/azurite), started on first use on a free loopback port, in
/// memory, and shared by every test of the process. It exits with the process (its stdin closes).
/// </summary>
public static class AzuriteEndpoint
{
    private static readonly Lazy<Task<Uri>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The blob endpoint of the test account (path style: <c>http://127.0.0.1:port/devstoreaccount1</c>).</summary>
    public static Task<Uri> BlobEndpointAsync() => Shared.Value;

    public const string Key = PdfStorageConnection.AzuriteKey;

    private static async Task<Uri> StartAsync()
    {
        var directory = RepoFiles.Path("tools", "azurite");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "azurite")))
            throw new InvalidOperationException("Azurite is not installed: run `npm ci --prefix tools/azurite` (tests/test.sh does).");
        // In memory; any file Azurite still writes (its debug log, when enabled) goes to a folder of its own.
        var scratch = Directory.CreateTempSubdirectory("azurite-tests-").FullName;
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("NODE") is { Length: > 0 } node ? node : "node")
        {
            WorkingDirectory = scratch,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            Path.Combine(directory, "blob-for-tests.js"), "--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence",
            "--extentMemoryLimit", "256", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
        })
        {
            startInfo.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        const string marker = "successfully listens on ";
        void Read(string? line)
        {
            if (line is null) return;
            lock (output) if (output.Length < 16 * 1024) output.AppendLine(line);
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) listening.TrySetResult(new Uri(line[(at + marker.Length)..].Trim().TrimEnd('/') + "/" + PdfStorageConnection.AzuriteAccount));
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"Azurite exited before listening: {output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        };
        try
        {
            return await listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException e)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Azurite did not listen within {StartTimeout}: {output}", e);
        }
    }
}
