using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Receivables.Testing.Cosmos;

/// <summary>
/// A Cosmos DB account for tests, in memory, that the .NET SDK (Gateway mode) talks to over HTTPS on loopback.
/// It is a TLS front end that forwards to the Node store in <c>server.js</c> and translates TransactionalBatch;
/// every start has its own empty account, certificate and ports.
/// </summary>
public sealed class CosmosTestServer : IAsyncDisposable
{
    /// <summary>The well-known key of the Cosmos DB emulator. The test server accepts any key; clients need one.</summary>
    public const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    /// <summary>Overrides where <c>server.js</c> and its <c>node_modules</c> are looked for.</summary>
    public const string DirectoryVariable = "COSMOS_TEST_SERVER_DIR";

    private readonly WebApplication _app;
    private readonly NodeStore _store;
    private readonly CompatibilityProxy _proxy;
    private int _disposed;

    private CosmosTestServer(WebApplication app, NodeStore store, CompatibilityProxy proxy, Uri endpoint)
    {
        _app = app;
        _store = store;
        _proxy = proxy;
        Endpoint = endpoint;
    }

    /// <summary>The account endpoint, e.g. <c>https://127.0.0.1:8081/</c>. Its certificate is self-signed.</summary>
    public Uri Endpoint { get; }

    /// <summary>The account key to give the SDK (the emulator's well-known key).</summary>
#pragma warning disable CA1822 // An instance property, so callers treat the server like any account: endpoint plus key.
    public string Key => EmulatorKey;
#pragma warning restore CA1822

    /// <summary>Starts a server on 127.0.0.1. <paramref name="port"/> 0 picks a free port.</summary>
    /// <exception cref="InvalidOperationException">Node or the npm packages are missing, or the store did not start.</exception>
    public static async Task<CosmosTestServer> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var directory = LocateServerDirectory();
        var certificate = CreateCertificate();
        var proxy = new CompatibilityProxy();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // Quiet by default: tests and the standalone runner report failures through responses and exceptions.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate));
            // Batches and queries can carry large bodies; Cosmos DB allows 2 MB items.
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(proxy.HandleAsync);

        NodeStore? store = null;
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var endpoint = BoundEndpoint(app);
            store = await NodeStore.StartAsync(directory, endpoint, cancellationToken).ConfigureAwait(false);
            proxy.Attach(store.BaseAddress);
            return new CosmosTestServer(app, store, proxy, endpoint);
        }
        catch
        {
            if (store is not null)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _store.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _proxy.Dispose();
        }
    }

    private static Uri BoundEndpoint(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
        var bound = new Uri(addresses.First());
        return new Uri($"https://127.0.0.1:{bound.Port}/");
    }

    /// <summary>
    /// The folder holding <c>server.js</c>: <see cref="DirectoryVariable"/> if set, else the project folder recorded
    /// at build time. Fails with the command to run when npm packages are not installed there.
    /// </summary>
    internal static string LocateServerDirectory()
    {
        var directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrWhiteSpace(directory))
        {
            directory = typeof(CosmosTestServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "CosmosTestServerDirectory")?.Value;
        }
        if (string.IsNullOrWhiteSpace(directory) || !File.Exists(Path.Combine(directory, "server.js")))
        {
            throw new InvalidOperationException(
                $"The Cosmos test server's server.js was not found (looked in '{directory}'). Set {DirectoryVariable} to the tests/cosmos-test-server folder.");
        }
        if (!File.Exists(Path.Combine(directory, "node_modules", "@vercel", "cosmosdb-server", "package.json")))
        {
            throw new InvalidOperationException(
                $"The Cosmos test server's npm packages are not installed in '{directory}'. Run: npm ci --prefix tests/cosmos-test-server");
        }
        return directory;
    }

    // A fresh self-signed certificate per start: nothing to install, nothing that expires between runs (the one
    // bundled with @vercel/cosmosdb-server expired in 2021). Clients trust it because the endpoint is loopback.
    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
