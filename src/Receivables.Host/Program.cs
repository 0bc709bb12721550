using Receivables.Host;

// The Kestrel host: `dotnet run --project src/Receivables.Host`, on http://127.0.0.1:7071 like `func start`.
var app = KestrelHost.Build(args);
await app.RunAsync();
