using System.Globalization;
using System.Runtime.InteropServices;

namespace Receivables.Testing.Cosmos;

/// <summary>Runs the test server standalone until Ctrl+C: <c>dotnet run --project tests/cosmos-test-server -- --port 8081</c>.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var port = 8081;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--port" or "-p" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                port = value;
                i++;
            }
            else if (args[i] is "--help" or "-h")
            {
                Console.WriteLine("Usage: CosmosTestServer [--port 8081]   (0 picks a free port)");
                return 0;
            }
            else
            {
                await Console.Error.WriteLineAsync($"Unknown argument '{args[i]}'. Usage: CosmosTestServer [--port 8081]").ConfigureAwait(false);
                return 2;
            }
        }

        CosmosTestServer server;
        try
        {
            server = await CosmosTestServer.StartAsync(port).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
            Console.WriteLine($"Cosmos DB test server listening on {server.Endpoint}");
            Console.WriteLine($"Key: {server.Key}");
            Console.WriteLine("Self-signed certificate: trust it for loopback only. Press Ctrl+C to stop.");
            await stop.Task.ConfigureAwait(false);
        }
        return 0;
    }
}
