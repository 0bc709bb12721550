using System.Diagnostics;
using System.Text;

namespace Receivables.Testing.Cosmos;

/// <summary>
/// The Node process running <c>server.js</c> on plain HTTP on an ephemeral loopback port. It lives no longer than
/// its owner: disposing kills it, so does the owner's process exit, and if the owner dies without either the
/// store sees its stdin close and exits by itself.
/// </summary>
internal sealed class NodeStore : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly EventHandler _onProcessExit;
    private int _disposed;

    private NodeStore(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _onProcessExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    /// <summary>Where the store listens; known once it has said so on stdout.</summary>
    public Uri BaseAddress { get; private set; }

    public static async Task<NodeStore> StartAsync(string directory, Uri publicEndpoint, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("NODE") is { Length: > 0 } node ? node : "node")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        startInfo.ArgumentList.Add(Path.Combine(directory, "server.js"));
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add("0");
        startInfo.ArgumentList.Add("--public-endpoint");
        startInfo.ArgumentList.Add(publicEndpoint.ToString());

        var errors = new StringBuilder();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("LISTENING ", StringComparison.Ordinal)
                && int.TryParse(line.AsSpan("LISTENING ".Length), out var port))
            {
                listening.TrySetResult(port);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (errors)
                {
                    // Keep the start of the story: a crash's cause comes first; don't let a chatty store grow without end.
                    if (errors.Length < 64 * 1024)
                    {
                        errors.AppendLine(line);
                    }
                }
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"The Cosmos test server's Node store exited with code {SafeExitCode(process)} before listening. {Snapshot(errors)}"));

        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException("The Cosmos test server's Node store did not start.");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException(
                "Node.js was not found on PATH (set NODE to its path). The Cosmos test server needs Node 20 or later.", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Owned from here on: whatever happens next, disposing it kills the process.
        var store = new NodeStore(process, new Uri("http://127.0.0.1/"));
        try
        {
            var port = await listening.Task.WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
            store.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
            return store;
        }
        catch (TimeoutException e)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The Cosmos test server's Node store did not listen within {StartTimeout}. {Snapshot(errors)}", e);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        Kill();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Already killed; nothing more to do than let the OS reap it.
        }
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Same, reported by the OS.
        }
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private static string Snapshot(StringBuilder errors)
    {
        lock (errors)
        {
            return errors.Length == 0 ? "" : "stderr: " + errors;
        }
    }
}
