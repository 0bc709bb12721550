using Grpc.Core;
using Receivables.Tests.Worker.Rpc;

namespace Receivables.Tests.Worker;

/// <summary>
/// The gRPC service the worker connects to: <c>FunctionRpc.EventStream</c>, one bidirectional stream. Everything the
/// worker sends goes to the stand-in; everything the stand-in sends goes out here, one message at a time (a gRPC
/// stream takes no concurrent writes). The call lasts as long as the worker keeps its side open.
/// </summary>
internal sealed class FunctionRpcService(FunctionsHostStandIn standIn) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        var outbound = standIn.AttachStream();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var writer = WriteAllAsync(outbound, responseStream, stop.Token);
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken)) standIn.Receive(requestStream.Current);
            standIn.StreamEnded(null);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or Grpc.Core.RpcException or InvalidOperationException)
        {
            // The worker went away without closing its side (killed, or the connection reset).
            standIn.StreamEnded(e);
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }
    }

    private static async Task WriteAllAsync(System.Threading.Channels.ChannelReader<StreamingMessage> outbound, IServerStreamWriter<StreamingMessage> stream, CancellationToken ct)
    {
        try
        {
            await foreach (var message in outbound.ReadAllAsync(ct)) await stream.WriteAsync(message, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The call is over: nothing more can be sent on it.
        }
    }
}
