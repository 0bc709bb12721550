using System.Diagnostics;
using System.Net;
using Receivables.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Receivables.Tests.Worker;

/// <summary>
/// The worker protocol itself, with a worker of the test's own: StartStream, WorkerInitRequest (capabilities),
/// FunctionsMetadataRequest and one FunctionLoadRequest per function of the built functions.metadata, then
/// WorkerTerminate, after which the worker exits by itself.
/// </summary>
public sealed class WorkerLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task the_worker_loads_every_function_of_its_metadata_and_exits_on_terminate()
    {
        var settings = await WorkerHost.AppSettingsAsync("receivables-worker-" + Guid.NewGuid().ToString("N")[..8]);
        await using var standIn = await FunctionsHostStandIn.StartAsync(FunctionsAppOutput.Directory, settings);
        output.WriteLine($"worker ready {standIn.StartupTime.TotalMilliseconds:0} ms after its process started");

        // The ASP.NET Core integration's own listener, on loopback; and the worker handles WorkerTerminate itself.
        Assert.True(standIn.WorkerHttpUri.IsLoopback, standIn.WorkerHttpUri.ToString());
        Assert.Equal("True", standIn.WorkerCapabilities.GetValueOrDefault("HandlesWorkerTerminateMessage"), StringComparer.OrdinalIgnoreCase);

        // What the worker indexed is what the build generated, every function loaded under a distinct id.
        var built = FunctionsAppOutput.ReadJson("functions.metadata").AsArray().Select(f => f!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(built, standIn.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(standIn.Functions.Count, standIn.Functions.Select(f => f.Id).Distinct().Count());
        Assert.All(standIn.Functions.Where(f => f.IsHttp), f => Assert.True(f.Methods.Count == 1 && f.RouteTemplate!.StartsWith("v1/", StringComparison.Ordinal), f.ToString()));
        var sweep = standIn.Function("DueDateSweep");
        Assert.Equal(("timerTrigger", "timer"), (sweep.TriggerType, sweep.TriggerName));

        var watch = Stopwatch.StartNew();
        var exitCode = await standIn.TerminateAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"worker exited {watch.ElapsedMilliseconds} ms after WorkerTerminate");
        Assert.True(exitCode == 0, $"exit code {exitCode}\n{standIn.Transcript}");

        // With the worker gone, a request fails at once, naming why, rather than waiting for an answer that cannot come.
        watch.Restart();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/entities");
        using var response = await standIn.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("the worker exited", text, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.ElapsedMilliseconds} ms");
    }
}
