using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Receivables.Tests.Worker.Rpc;

namespace Receivables.Tests.Worker;

/// <summary>
/// A test-only stand-in for the Azure Functions host's side of the worker protocol, so that tests run the real built
/// worker (<c>dotnet Receivables.Functions.dll</c>) where the host (<c>func</c>) cannot be installed. It does what the
/// host does for this app, no more:
/// <list type="number">
/// <item>serves <c>FunctionRpc.EventStream</c> (gRPC, cleartext HTTP/2 on loopback) and starts the worker with the host's
/// command line, in the app's directory, with the app settings as environment variables;</item>
/// <item>after the worker's <c>StartStream</c>: <c>WorkerInitRequest</c> (the answer's <c>HttpUri</c> capability is the
/// worker's own HTTP listener), <c>FunctionsMetadataRequest</c>, then one <c>FunctionLoadRequest</c> per function with
/// the binding map parsed from its raw bindings;</item>
/// <item>an HTTP front on loopback (<see cref="Http"/>) that matches each request to one HTTP function itself (the
/// worker would leave an invocation for a URL it does not map hanging), sends the <c>InvocationRequest</c> and at the
/// same time forwards the request to <c>HttpUri</c> with <c>x-ms-invocation-id</c> (ASP.NET Core integration), and
/// answers with the worker's response; an invocation that failed is 500, as the host makes it (the worker still
/// answers 200 with an empty body);</item>
/// <item>timer invocations with the host's <c>TimerInfo</c> JSON (<see cref="InvokeTimerAsync(string, string, TimeSpan?)"/>);</item>
/// <item><c>WorkerTerminate</c> at the end.</item>
/// </list>
/// Every wait has a timeout and fails with the <see cref="Transcript"/>: the protocol messages, the worker's logs and
/// its standard output and error.
/// </summary>
public sealed partial class FunctionsHostStandIn : IAsyncDisposable
{
    /// <summary>What the host passes: without it the worker's gRPC channel refuses every message (ResourceExhausted).</summary>
    public const int GrpcMaxMessageLength = int.MaxValue;

    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultInvocationTimeout = TimeSpan.FromSeconds(30);

    private readonly string appDirectory;
    private readonly Channel<StreamingMessage> outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> pending = new();
    private readonly TaskCompletionSource<StartStream> startStream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<string> transcript = new();
    private readonly string workerId = Guid.NewGuid().ToString();
    private WebApplication? grpc;
    private Process? process;
    private int streams;
    private int disposed;

    private FunctionsHostStandIn(string appDirectory) => this.appDirectory = appDirectory;

    /// <summary>The worker's capabilities from its <c>WorkerInitResponse</c>.</summary>
    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The worker's own HTTP listener (capability <c>HttpUri</c>).</summary>
    public Uri WorkerHttpUri { get; private set; } = null!;

    /// <summary>Every function the worker indexed and loaded, in its order.</summary>
    public IReadOnlyList<HostedFunction> Functions { get; private set; } = [];

    /// <summary>From starting the worker process to the last function loaded.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The worker's process id, while it runs.</summary>
    public int ProcessId => process?.Id ?? 0;

    public bool WorkerHasExited => exited.Task.IsCompleted;

    /// <summary>Starts the stand-in and the worker in <paramref name="appDirectory"/> (the Functions build output) and loads every function.</summary>
    public static async Task<FunctionsHostStandIn> StartAsync(string appDirectory, IReadOnlyDictionary<string, string> appSettings, TimeSpan? timeout = null)
    {
        var standIn = new FunctionsHostStandIn(appDirectory);
        try
        {
            await standIn.StartCoreAsync(appSettings, timeout ?? DefaultStartTimeout);
            return standIn;
        }
        catch
        {
            await standIn.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(IReadOnlyDictionary<string, string> appSettings, TimeSpan timeout)
    {
        var deadline = clock.Elapsed + timeout;
        TimeSpan Left() => deadline - clock.Elapsed > TimeSpan.Zero ? deadline - clock.Elapsed : TimeSpan.Zero;

        var routePrefix = HostedFunction.ReadRoutePrefix(appDirectory);
        grpc = BuildServer(HttpProtocols.Http2, services =>
        {
            services.AddGrpc(o =>
            {
                o.MaxReceiveMessageSize = null;
                o.MaxSendMessageSize = null;
            });
            services.AddSingleton(this);
        });
        grpc.MapGrpcService<FunctionRpcService>();
        await grpc.StartAsync();
        var rpcUri = new Uri(grpc.Urls.Single());
        Note($"gRPC server at {rpcUri}");

        var started = clock.Elapsed;
        StartWorker(rpcUri, appSettings);

        var stream = await WaitAsync(startStream.Task, Left(), "StartStream");
        Note($"<- StartStream worker_id={stream.WorkerId}");
        if (stream.WorkerId != workerId) throw Failure($"StartStream names worker '{stream.WorkerId}', the stand-in started '{workerId}'");

        var init = (await RequestAsync(new StreamingMessage
        {
            WorkerInitRequest = new WorkerInitRequest { HostVersion = "4.0.0", WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory },
        }, nameof(StreamingMessage.WorkerInitResponse), Left())).WorkerInitResponse;
        Note($"<- WorkerInitResponse {init.Result?.Status} worker {init.WorkerMetadata?.WorkerVersion} capabilities {string.Join(", ", init.Capabilities.Select(c => $"{c.Key}={c.Value}"))}");
        EnsureSuccess(init.Result, "WorkerInitResponse");
        WorkerCapabilities = new Dictionary<string, string>(init.Capabilities);
        if (!init.Capabilities.TryGetValue("HttpUri", out var httpUri) || !Uri.TryCreate(httpUri, UriKind.Absolute, out var workerUri))
            throw Failure("the worker reported no HttpUri capability: the stand-in knows only the ASP.NET Core integration's way of passing HTTP requests");
        WorkerHttpUri = workerUri;

        var indexed = (await RequestAsync(new StreamingMessage
        {
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory },
        }, nameof(StreamingMessage.FunctionMetadataResponse), Left())).FunctionMetadataResponse;
        Note($"<- FunctionMetadataResponse {indexed.Result?.Status}: {indexed.FunctionMetadataResults.Count} functions");
        EnsureSuccess(indexed.Result, "FunctionMetadataResponse");
        if (indexed.UseDefaultMetadataIndexing) throw Failure("the worker asks the host to index the functions itself (use_default_metadata_indexing), which the stand-in does not do");
        var functions = indexed.FunctionMetadataResults.Select(m => HostedFunction.From(m, routePrefix)).ToList();

        // One FunctionLoadRequest per function, answered each by a FunctionLoadResponse with its id.
        var loads = functions.Select(f =>
        {
            var loaded = Expect("load:" + f.Id);
            Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), FunctionLoadRequest = new FunctionLoadRequest { FunctionId = f.Id, Metadata = f.Metadata } }, $"FunctionLoadRequest {f.Name}");
            return (Function: f, Loaded: loaded);
        }).ToList();
        foreach (var (function, loaded) in loads)
        {
            var response = (await WaitAsync(loaded, Left(), $"FunctionLoadResponse of {function.Name}")).FunctionLoadResponse;
            EnsureSuccess(response.Result, $"FunctionLoadResponse of {function.Name}");
        }
        Note($"<- {loads.Count} FunctionLoadResponse Success");
        Functions = functions;
        // The worker reports HttpUri before its own listener is bound (seen here: a WorkerTerminate sent in that gap
        // crashed the worker, exit 134, in Kestrel's BindAsync). Ready means that listener accepts connections too.
        await WaitForWorkerHttpAsync(Left());
        StartupTime = clock.Elapsed - started;

        front = BuildServer(HttpProtocols.Http1AndHttp2, services => services.AddRouting());
        front.Run(ServeAsync);
        await front.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(front.Urls.Single()), Timeout = DefaultInvocationTimeout + TimeSpan.FromSeconds(10) };
        Note($"ready in {StartupTime.TotalMilliseconds:0} ms; HTTP front at {Http.BaseAddress}, worker HTTP at {WorkerHttpUri}");
    }

    private async Task WaitForWorkerHttpAsync(TimeSpan timeout)
    {
        var until = clock.Elapsed + timeout;
        for (var wait = TimeSpan.FromMilliseconds(20); ; wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 250)))
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(WorkerHttpUri.Host, WorkerHttpUri.Port);
                Note("worker HTTP accepts connections");
                return;
            }
            catch (System.Net.Sockets.SocketException) when (clock.Elapsed < until)
            {
                await Task.Delay(wait);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                throw Failure($"the worker's HTTP listener {WorkerHttpUri} refused connections until the start timeout: {e.Message}");
            }
        }
    }

    private static WebApplication BuildServer(HttpProtocols protocols, Action<IServiceCollection> services)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = protocols));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        services(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// Starts the worker as the host does (its worker.config.json: <c>dotnet Receivables.Functions.dll</c>), with the
    /// host's arguments, both the generic ones and the <c>functions-</c> ones that .NET workers read.
    /// </summary>
    private void StartWorker(Uri rpcUri, IReadOnlyDictionary<string, string> appSettings)
    {
        var requestId = Guid.NewGuid().ToString();
        var length = GrpcMaxMessageLength.ToString(CultureInfo.InvariantCulture);
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = appDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[]
        {
            "Receivables.Functions.dll",
            "--host", rpcUri.Host, "--port", rpcUri.Port.ToString(CultureInfo.InvariantCulture),
            "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", length,
            "--functions-uri", rpcUri.AbsoluteUri, "--functions-worker-id", workerId, "--functions-request-id", requestId,
            "--functions-grpc-max-message-length", length,
        }) info.ArgumentList.Add(argument);

        // The settings the host would hand over, and nothing of this test process that would change what the app does.
        foreach (var name in new[] { "APPLICATIONINSIGHTS_CONNECTION_STRING", "WEBSITE_INSTANCE_ID", "WEBSITE_SKU", "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "AZURE_FUNCTIONS_ENVIRONMENT" })
            info.Environment.Remove(name);
        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        info.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        info.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        info.Environment["AzureWebJobsScriptRoot"] = appDirectory;
        foreach (var (key, value) in appSettings) info.Environment[key] = value;

        var worker = new Process { StartInfo = info, EnableRaisingEvents = true };
        worker.OutputDataReceived += (_, e) => { if (e.Data is not null) Note("[worker out] " + e.Data); };
        worker.ErrorDataReceived += (_, e) => { if (e.Data is not null) Note("[worker err] " + e.Data); };
        worker.Exited += (_, _) => _ = Task.Run(async () =>
        {
            try
            {
                // Let the output readers drain before anyone reads the transcript.
                await worker.WaitForExitAsync();
                Note($"worker exited with code {worker.ExitCode}");
                exited.TrySetResult(worker.ExitCode);
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                exited.TrySetResult(-1);
            }
        });
        worker.Start();
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        process = worker;
        Note($"started worker pid {worker.Id}: {info.FileName} {string.Join(' ', info.ArgumentList)}");
    }

    /// <summary>The dotnet host running these tests (the SDK names it in DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    // ---- The stream ----

    /// <summary>The gRPC service's half: the messages to send. The host speaks to one worker over one stream.</summary>
    internal ChannelReader<StreamingMessage> AttachStream()
    {
        if (Interlocked.Increment(ref streams) != 1)
        {
            Note("!! a second EventStream was opened; the stand-in serves one worker over one stream");
            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.FailedPrecondition, "the stand-in serves one stream"));
        }
        Note("EventStream opened");
        return outbound.Reader;
    }

    internal void StreamEnded(Exception? error) => Note(error is null ? "EventStream closed by the worker" : $"EventStream broken: {error.GetType().Name}: {error.Message}");

    /// <summary>A message from the worker.</summary>
    internal void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                startStream.TrySetResult(message.StartStream);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                var log = message.RpcLog;
                if (log.Level >= RpcLog.Types.Level.Information)
                    Note($"[worker log {log.Level}] {log.Category}: {log.Message}{(log.Exception is null ? "" : " | " + log.Exception.Message)}");
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                Complete(message.ContentCase.ToString(), message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Complete("load:" + message.FunctionLoadResponse.FunctionId, message);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete("invoke:" + message.InvocationResponse.InvocationId, message);
                break;
            default:
                Note($"<- a message the stand-in does not read (content {message.ContentCase}, {message.CalculateSize()} bytes)");
                break;
        }
    }

    private Task<StreamingMessage> Expect(string key)
    {
        var waiter = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pending.TryAdd(key, waiter)) throw new InvalidOperationException($"already waiting for {key}");
        return waiter.Task;
    }

    private void Complete(string key, StreamingMessage message)
    {
        if (pending.TryRemove(key, out var waiter)) waiter.TrySetResult(message);
        else Note($"<- {message.ContentCase} nobody waits for ({key})");
    }

    private void Send(StreamingMessage message, string description)
    {
        Note("-> " + description);
        if (!outbound.Writer.TryWrite(message)) throw Failure($"cannot send {description}: the stream is closed");
    }

    private async Task<StreamingMessage> RequestAsync(StreamingMessage request, string responseCase, TimeSpan timeout)
    {
        request.RequestId = Guid.NewGuid().ToString();
        var response = Expect(responseCase);
        Send(request, request.ContentCase.ToString());
        return await WaitAsync(response, timeout, responseCase);
    }

    /// <summary>Waits for <paramref name="task"/>; fails with the transcript when the worker exits first or time runs out.</summary>
    private async Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, string what)
    {
        var done = await Task.WhenAny(task, exited.Task, Task.Delay(timeout));
        if (task.IsCompleted) return await task;
        if (done == exited.Task) throw Failure($"the worker exited (code {exited.Task.Result}) while the stand-in waited for {what}");
        throw Failure($"no {what} within {timeout.TotalSeconds:0.#} s");
    }

    private void EnsureSuccess(StatusResult? result, string what)
    {
        if (result?.Status == StatusResult.Types.Status.Success) return;
        throw Failure($"{what}: {result?.Status.ToString() ?? "no result"} {result?.Result} {result?.Exception?.Message}");
    }

    // ---- Invocations ----

    /// <summary>The function named <paramref name="name"/>.</summary>
    public HostedFunction Function(string name) =>
        Functions.SingleOrDefault(f => f.Name == name) ?? throw Failure($"the worker has no function '{name}'");

    /// <summary>Sends an InvocationRequest and waits for its InvocationResponse.</summary>
    private async Task<InvocationResponse> InvokeAsync(HostedFunction function, InvocationRequest request, TimeSpan timeout)
    {
        var response = Expect("invoke:" + request.InvocationId);
        Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request }, $"InvocationRequest {function.Name} {request.InvocationId}");
        var invocation = (await WaitAsync(response, timeout, $"InvocationResponse of {function.Name} {request.InvocationId}")).InvocationResponse;
        Note($"<- InvocationResponse {function.Name} {request.InvocationId}: {invocation.Result?.Status}{(invocation.Result?.Exception is { } e ? " | " + e.Message : "")}");
        return invocation;
    }

    private static InvocationRequest NewInvocation(HostedFunction function) => new()
    {
        InvocationId = Guid.NewGuid().ToString(),
        FunctionId = function.Id,
        // The host always sends a trace context (W3C traceparent of its own activity).
        TraceContext = new RpcTraceContext { TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01", TraceState = "" },
    };

    /// <summary>
    /// Invokes a timer function as the host does when its schedule fires: the trigger input is the TimerInfo JSON
    /// (<c>{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{...},"IsPastDue":false}</c>).
    /// </summary>
    public Task<InvocationResponse> InvokeTimerAsync(string functionName, DateTimeOffset? firedAt = null, TimeSpan? timeout = null)
    {
        var now = firedAt ?? DateTimeOffset.UtcNow;
        static string Iso(DateTimeOffset t) => t.ToString("o", CultureInfo.InvariantCulture);
        var timerInfo = $$"""{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"{{Iso(now.AddHours(-1))}}","Next":"{{Iso(now.AddHours(1))}}","LastUpdated":"{{Iso(now)}}"},"IsPastDue":false}""";
        return InvokeTimerAsync(functionName, timerInfo, timeout);
    }

    /// <summary>Invokes a timer function with this trigger input (JSON as the host sends it).</summary>
    public Task<InvocationResponse> InvokeTimerAsync(string functionName, string timerInfoJson, TimeSpan? timeout = null)
    {
        var function = Function(functionName);
        if (function.IsHttp) throw Failure($"{functionName} is an HTTP function");
        var request = NewInvocation(function);
        request.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Json = timerInfoJson } });
        return InvokeAsync(function, request, timeout ?? DefaultInvocationTimeout);
    }

    /// <summary>Ends the worker as the host does: <c>WorkerTerminate</c>, then it exits by itself. Returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan gracePeriod)
    {
        if (exited.Task.IsCompleted) return exited.Task.Result;
        Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(gracePeriod) } }, $"WorkerTerminate grace {gracePeriod.TotalSeconds:0} s");
        var done = await Task.WhenAny(exited.Task, Task.Delay(gracePeriod + TimeSpan.FromSeconds(5)));
        if (done != exited.Task) throw Failure($"the worker was still running {gracePeriod.TotalSeconds + 5:0} s after WorkerTerminate");
        return await exited.Task;
    }

    // ---- Transcript ----

    private const int TranscriptLines = 400;

    private void Note(string line)
    {
        transcript.Enqueue($"{clock.Elapsed.TotalSeconds,8:0.000} {line}");
        while (transcript.Count > TranscriptLines && transcript.TryDequeue(out _)) { }
    }

    /// <summary>The last messages, worker logs and worker output, oldest first: for assertion messages.</summary>
    public string Transcript => "--- functions host stand-in transcript (last " + TranscriptLines + " lines) ---\n" + string.Join('\n', transcript);

    private WorkerProtocolException Failure(string message)
    {
        Note("!! " + message);
        return new WorkerProtocolException(message + "\n" + Transcript);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        if (process is not null && !exited.Task.IsCompleted)
        {
            try
            {
                await TerminateAsync(TimeSpan.FromSeconds(5));
            }
            catch (WorkerProtocolException)
            {
                // Not gone by itself: end it (only the process this stand-in started, by its id).
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited meanwhile.
                }
                await Task.WhenAny(exited.Task, Task.Delay(TimeSpan.FromSeconds(5)));
            }
        }
        outbound.Writer.TryComplete();
        Http?.Dispose();
        forwarder?.Dispose();
        if (front is not null) await front.DisposeAsync();
        if (grpc is not null) await grpc.DisposeAsync();
        process?.Dispose();
    }
}

/// <summary>The worker protocol went wrong; the message carries the stand-in's transcript.</summary>
public sealed class WorkerProtocolException(string message) : Exception(message);
