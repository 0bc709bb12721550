using System.Net.Sockets;
using System.Text;

namespace Receivables.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 by hand over one TCP connection, for what HttpClient will not do: send a body slowly, stop halfway, hang
/// up or reset the connection mid-request.
/// </summary>
public sealed class RawHttp : IDisposable
{
    private readonly TcpClient client;
    private readonly NetworkStream stream;

    private RawHttp(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
    }

    public static async Task<RawHttp> OpenAsync(Uri baseAddress)
    {
        var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        client.NoDelay = true;
        return new RawHttp(client);
    }

    /// <summary>The request line and headers of a JSON request whose body is announced as <paramref name="contentLength"/> bytes.</summary>
    /// <param name="expectContinue">Ask for a go-ahead (<c>Expect: 100-continue</c>): Kestrel sends it when the endpoint starts reading the body.</param>
    public Task SendHeadAsync(string method, Uri baseAddress, string target, int contentLength, string? token = null, Guid? entityId = null, bool expectContinue = false)
    {
        var lines = new List<string>
        {
            $"{method} {target} HTTP/1.1",
            $"Host: {baseAddress.Authority}",
            $"x-monite-version: {ApiHost.Version}",
            "Content-Type: application/json",
            "Content-Length: " + contentLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (token is not null) lines.Add($"Authorization: Bearer {token}");
        if (entityId is { } id) lines.Add($"x-monite-entity-id: {id}");
        if (expectContinue) lines.Add("Expect: 100-continue");
        return SendAsync(string.Join("\r\n", lines) + "\r\n\r\n");
    }

    public async Task SendAsync(string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }

    /// <summary>The status of the next response head, interim (100 Continue) or final, read up to its end and no further.</summary>
    public async Task<int> ReadHeadStatusAsync(CancellationToken ct)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (await stream.ReadAsync(one, ct) == 0) throw new IOException($"Connection closed after: {Encoding.UTF8.GetString([.. head])}");
            head.Add(one[0]);
        }
        return int.Parse(Encoding.UTF8.GetString([.. head]).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The response, read until the server closes the connection (it does after refusing a request).</summary>
    public async Task<(int Status, string Body)> ReadResponseUntilClosedAsync(CancellationToken ct)
    {
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, ct);
        var text = Encoding.UTF8.GetString(received.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) throw new InvalidOperationException($"No complete response head in: {text}");
        var head = text[..end].Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = text[(end + 4)..];
        if (head.Any(h => h.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))) body = Dechunk(body);
        return (status, body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var line = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[at..line].Split(';')[0], 16);
            if (size == 0) return body.ToString();
            body.Append(chunked, line + 2, size);
            at = line + 2 + size + 2;
        }
    }

    /// <summary>Hangs up with a reset (RST) instead of an orderly close (FIN), as a crashed client or a dropped network does.</summary>
    public void Reset()
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Close();
    }

    public void Dispose() => client.Dispose();
}
