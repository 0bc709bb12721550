using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Receivables.Api;
using Receivables.Hosting;

namespace Receivables.Host;

/// <summary>Builds the Kestrel host. Tests call <see cref="Build"/> with their own settings and port.</summary>
public static class KestrelHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>Kestrel's limit is the API's plus this, so that the API's own check is reached first.</summary>
    public const int MaxRequestBodyHeadroom = 64 * 1024;

    /// <param name="configureServices">A seam for tests: runs after the product's services are added (a fake clock, say).</param>
    public static WebApplication Build(string[] args, IDictionary<string, string?>? settings = null, Action<Microsoft.Azure.Cosmos.CosmosClientOptions>? configureCosmos = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // Same settings file as the Functions host: local.settings.json, else the sample with the local defaults.
        // Environment variables and command-line arguments still win.
        if (LocalSettings.Find() is { } file)
        {
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = LocalSettings.Read(file) });
        }
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        // Kestrel refuses a body the API would refuse anyway (its default is 30 MB) before anything reads it. The API's
        // own check (RequestBody) stays the one that answers, with the same message in both hosts; the headroom keeps
        // it so for a chunked body, whose size only shows while it is read.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBody.MaxBytes + MaxRequestBodyHeadroom);

        builder.Services.AddReceivables(builder.Configuration, configureCosmos);
        builder.Services.AddCors();
        builder.Services.AddHostedService<SweepService>();
        configureServices?.Invoke(builder.Services);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        var app = builder.Build();
        var api = app.Services.GetRequiredService<ReceivablesApi>();
        UseCrossOrigin(app, app.Services.GetRequiredService<CrossOrigin>());

        // One endpoint per route of the table, mounted under /v1 exactly like the Functions host.
        foreach (var route in ApiRoutes.All)
        {
            app.MapMethods($"{ApiRoutes.Prefix}/{route.Template}", [route.Method],
                async context => await (await api.RunAsync(route, context)).ExecuteAsync(context));
        }
        app.MapFallback(async context =>
        {
            context.Response.Headers[ReceivablesApi.RequestIdHeader] = Guid.NewGuid().ToString("N");
            await ApiResponse.Error(StatusCodes.Status404NotFound, $"No route {context.Request.Method} {context.Request.Path}").ExecuteAsync(context);
        });
        return app;
    }

    /// <summary>
    /// CORS with ASP.NET Core's own middleware, so that every answer to an allowed origin carries it: the endpoints', their
    /// errors and the fallback's 404 (a page can read why it failed). A preflight is answered only for a path the API
    /// serves; one for any other path gets the fallback's 404, without CORS headers, as a browser should see it.
    /// No origin configured: nothing is added, not even Vary.
    /// </summary>
    private static void UseCrossOrigin(WebApplication app, CrossOrigin crossOrigin)
    {
        if (!crossOrigin.Enabled) return;
        app.UseWhen(context => !IsPreflightElsewhere(context.Request), branch => branch.UseCors(policy => policy
            .WithOrigins([.. crossOrigin.AllowedOrigins])
            .WithMethods([.. CrossOrigin.Methods])
            .WithHeaders([.. CrossOrigin.AllowedHeaders])
            .WithExposedHeaders([.. CrossOrigin.ExposedHeaders])
            .SetPreflightMaxAge(CrossOrigin.PreflightMaxAge)));
    }

    private static bool IsPreflightElsewhere(HttpRequest request)
    {
        if (!HttpMethods.IsOptions(request.Method) || !request.Headers.ContainsKey(HeaderNames.Origin)
            || !request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod)) return false;
        var path = request.Path.Value ?? "";
        return !request.Path.StartsWithSegments(ApiRoutes.Prefix) || !ApiRoutes.All.Any(route => route.TryMatch(path, out _));
    }
}

/// <summary>Reads the <c>Values</c> of a Functions <c>local.settings.json</c> as configuration ('__' becomes ':').</summary>
internal static class LocalSettings
{
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            foreach (var name in new[] { "local.settings.json", "local.settings.sample.json" })
            {
                var path = Path.Combine(dir.FullName, name);
                if (File.Exists(path) && File.Exists(Path.Combine(dir.FullName, "host.json"))) return path;
            }
        }
        return null;
    }

    public static Dictionary<string, string?> Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (json.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var p in section.EnumerateObject())
                values[p.Name.Replace("__", ":", StringComparison.Ordinal)] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
        }
        return values;
    }
}
