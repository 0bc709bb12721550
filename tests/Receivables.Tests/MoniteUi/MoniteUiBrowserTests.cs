using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Receivables.Tests.Documents;
using Receivables.Tests.Infrastructure;
using Receivables.Tests.Lifecycle;
using Receivables.Tests.PaymentLinks;

namespace Receivables.Tests.MoniteUi;

/// <summary>
/// Monite's own drop-in UI (@monite/sdk-react 3.22.0, API 2024-05-25) on this API, in a real browser (issue 12 part 6):
/// tests/browser/monite-ui.mjs bundles its receivables screen with esbuild, serves it from a loopback port of its own
/// (another origin, so the host's CORS setting must allow it) and drives headless Debian chromium through the list, a
/// new invoice with one line, issuing it, recording its payment and its PDF panel, as two entity users: one whose role
/// may do all of that, one whose role reads receivables but may not create them. Both sign in as the UI expects, with
/// <c>grant_type=entity_user</c> tokens; the roles and users are made through <c>/v1/roles</c> and
/// <c>/v1/entity_users</c>. The browser runs once per class; each test asserts one part of what it saw.
/// </summary>
public sealed class MoniteUiBrowserTests(MoniteUiBrowserTests.UiHost host) : IClassFixture<MoniteUiBrowserTests.UiHost>
{
    /// <summary>
    /// Calls the UI makes that this API does not serve, by design: financing (Monite's Kanmon integration) on every
    /// invoice's details. The README's "Try it with Monite's UI" section lists them.
    /// </summary>
    public static readonly IReadOnlyList<string> OutOfScopePaths = ["/v1/financing_invoices", "/v1/financing_offers"];

    /// <summary>Hosts the UI reaches for on its own: Kanmon's financing widget script and flagcdn's country flags. Blocked, never followed.</summary>
    public static readonly IReadOnlyList<string> ForeignHosts = ["cdn.sandbox.kanmon.dev", "flagcdn.com"];

    [ChromiumFact]
    public async Task the_invoice_list_shows_the_seeded_invoices_to_a_user_who_may_create()
    {
        var run = await host.RunAsync();
        var list = run.Step("list");
        Assert.Equal((200, 200), (list["me"]!.GetValue<int>(), list["myRole"]!.GetValue<int>()));
        var rows = Rows(list);
        Assert.True(rows.ContainsKey(run.Draft), $"the draft {run.Draft} is not in the list: {list.ToJsonString()}");
        Assert.True(rows.ContainsKey(run.Issued.Id()), $"the issued invoice is not in the list: {list.ToJsonString()}");
        Assert.Contains(run.Issued.Text("document_id")!, rows[run.Issued.Id()], StringComparison.Ordinal);
        Assert.Contains("€428.40", rows[run.Issued.Id()], StringComparison.Ordinal);
        Assert.False(list["createDisabled"]!.GetValue<bool>(), "the create button is disabled for a role that allows receivable.create");
    }

    [ChromiumFact]
    public async Task a_user_creates_an_invoice_with_one_line_issues_it_and_records_its_payment()
    {
        var run = await host.RunAsync();
        var create = run.Step("create");
        Assert.Equal(201, create["status"]!.GetValue<int>());
        var sent = create["request"]!.AsObject();
        Assert.Equal(run.Workshop.ToString(), Assert.Single(sent["line_items"]!.AsArray())!["product_id"]!.GetValue<string>());
        var id = create.Text("id")!;

        var issue = run.Step("issue");
        Assert.Equal(200, issue["status"]!.GetValue<int>());
        var pay = run.Step("pay");
        Assert.Equal(201, pay["status"]!.GetValue<int>());

        // What the API now holds: the user's invoice, 50.00 + 19 %, issued and then paid in full.
        var invoice = await run.World.ReadAsync(id);
        Assert.Equal(("paid", 5950L, 0L), (invoice.Status(), invoice.Minor("amount_paid"), invoice.Minor("amount_due")));
        Assert.Equal(run.Admin.ToString(), invoice.Text("entity_user_id"));
        Assert.Equal(run.World.BankAccount.ToString(), invoice["entity_bank_account"]?["id"]?.GetValue<string>());
        // Opened afresh, the list tells the same.
        var row = Rows(run.Report["listAfter"]!.AsObject())[id];
        Assert.Contains("Paid", row, StringComparison.Ordinal);
        Assert.Contains(invoice.Text("document_id")!, row, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task the_pdf_panel_shows_the_invoice_pdf()
    {
        var run = await host.RunAsync();
        var pdf = run.Step("pdf");
        Assert.Equal((200, "application/pdf", "%PDF-"), (pdf["status"]!.GetValue<int>(), pdf.Text("contentType"), pdf.Text("start")));
        Assert.StartsWith((await AzuriteEndpoint.BlobEndpointAsync()).AbsoluteUri, pdf.Text("src"), StringComparison.Ordinal);
        Assert.Contains($"/{run.Step("create").Text("id")}/", pdf.Text("src"), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task a_user_whose_role_lacks_receivable_create_sees_the_create_button_disabled()
    {
        var run = await host.RunAsync();
        var restricted = run.Step("restricted");
        // The role was read (the list shows: receivable.read is allowed), so the disabled button is the role's answer,
        // not a permission that failed to load.
        Assert.Equal((200, 200), (restricted["me"]!.GetValue<int>(), restricted["myRole"]!.GetValue<int>()));
        Assert.True(restricted["listShown"]!.GetValue<bool>(), restricted.ToJsonString());
        Assert.True(restricted["createDisabled"]!.GetValue<bool>(), restricted.ToJsonString());
    }

    [ChromiumFact]
    public async Task no_call_of_the_ui_fails_but_the_out_of_scope_ones_and_nothing_leaves_for_other_hosts()
    {
        var run = await host.RunAsync();
        var network = run.Report["network"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var api = host.Http.BaseAddress!.Authority;
        Assert.Contains(network, n => new Uri(n.Text("url")!).Authority == api);
        var failed = network
            .Where(n => new Uri(n.Text("url")!) is var url && url.Authority != run.PageAuthority && !ForeignHosts.Contains(url.Host))
            // A query the UI cancels itself (its component unmounted) is not an answer of the API.
            .Where(n => n["failure"]?.GetValue<string>() is not "net::ERR_ABORTED")
            .Where(n => n["status"]?.GetValue<int>() is not (>= 200 and < 400))
            .Where(n => !OutOfScopePaths.Contains(new Uri(n.Text("url")!).AbsolutePath))
            .Select(n => $"{n.Text("user")} {n.Text("method")} {n.Text("url")} → {n["status"]?.ToJsonString() ?? n.Text("failure")} {n.Text("body")}")
            .ToList();
        Assert.True(failed.Count == 0, "failed calls:\n" + string.Join("\n", failed));
        var foreign = run.Report["blocked"]!.AsArray().Select(b => new Uri(b!.GetValue<string>().Split(' ')[1]).Host).Distinct().ToList();
        Assert.True(foreign.All(ForeignHosts.Contains), "unexpected foreign hosts: " + string.Join(", ", foreign));
    }

    private static Dictionary<string, string> Rows(JsonObject list) =>
        list["rows"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["text"]!.GetValue<string>());

    /// <summary>What one browser run saw, with what the test made for it.</summary>
    public sealed record UiRun(DocumentWorld World, string Draft, JsonObject Issued, Guid Workshop, Guid Admin, string PageAuthority, JsonObject Report)
    {
        /// <summary>A step of the run; a step the UI could not finish fails here with what the UI showed.</summary>
        public JsonObject Step(string name)
        {
            var step = Report[name]?.AsObject();
            Assert.True(step is not null, $"the browser run has no step {name}");
            Assert.True(step!["error"] is null, $"{name}: {step.ToJsonString()}");
            return step;
        }
    }

    /// <summary>
    /// The API host with the real PDF renderer, allowing the UI page's origin (a port chosen here, before the host starts,
    /// since the CORS setting is read at start).
    /// </summary>
    public sealed class UiHost : ApiHost
    {
        private readonly Lazy<Task<UiRun>> run;

        public UiHost() : this(FreePort()) { }

        private UiHost(int pagePort) : base(new Dictionary<string, string?> { ["Cors:AllowedOrigins"] = $"http://127.0.0.1:{pagePort}" }, services =>
        {
            services.Remove(services.Single(d => d.ServiceType == typeof(Receivables.Rendering.IReceivablePdfRenderer)));
            services.AddSingleton<Receivables.Rendering.IReceivablePdfRenderer, Receivables.Rendering.ReceivablePdfRenderer>();
        })
        {
            PagePort = pagePort;
            run = new Lazy<Task<UiRun>>(() => RunOnceAsync());
        }

        public int PagePort { get; }

        public Task<UiRun> RunAsync() => run.Value;

        private async Task<UiRun> RunOnceAsync()
        {
            var w = await DocumentWorld.CreateAsync(this);
            var draft = await w.CreateIdAsync(w.Invoice());
            var issued = await w.IssuedInvoiceAsync();
            // The user's invoice is one workshop, 50.00 + 19 % = 59.50: the UI's payment form multiplies the amount typed
            // by 100 in floating point and refuses the result when it exceeds amount_due (142.80 × 100 = 14280.000000000002),
            // so the world's 120.00 product could not be paid in full through it.
            var workshop = await DocumentWorld.PostAsync(this, w.Entity, "/v1/products",
                new { name = "Workshop", type = "service", price = new { currency = "EUR", value = 5000 }, measure_unit_id = w.MeasureUnit });

            // Two roles and a user of each, through the API, as a partner's backend sets them up.
            var everything = new[] { "create", "read", "update", "delete" };
            var accountant = await RoleAsync(w, "Accountant", new()
            {
                ["receivable"] = everything, ["counterpart"] = everything, ["product"] = everything,
                ["payment_record"] = everything, ["payment_reminder"] = everything, ["overdue_reminder"] = everything,
                // The create form reads the entity's VAT ids and the customer's: Monite's role schema names both.
                ["entity_vat_ids"] = ["read"], ["counterpart_vat_id"] = everything,
            });
            var viewer = await RoleAsync(w, "Viewer", new()
            {
                ["receivable"] = ["read"], ["counterpart"] = ["read"], ["product"] = ["read"], ["payment_record"] = ["read"],
            });
            var admin = await EntityUserAsync(w, "ada", "Ada", accountant);
            var reader = await EntityUserAsync(w, "rita", "Rita", viewer);

            var screenshot = Path.Combine(Path.GetTempPath(), $"monite-ui-{Guid.NewGuid():N}.png");
            // Bundling (esbuild) and every step's own 30 s deadline fit well inside six minutes.
            var report = await BrowserScript.RunAsync("monite-ui.mjs", new JsonObject
            {
                ["apiUrl"] = new Uri(Http.BaseAddress!, "/v1").AbsoluteUri,
                ["entityId"] = w.Entity.ToString(),
                ["pagePort"] = PagePort,
                ["tokens"] = new JsonObject { ["admin"] = await EntityUserTokenAsync(admin), ["restricted"] = await EntityUserTokenAsync(reader) },
                ["allowedHosts"] = new JsonArray(Http.BaseAddress!.Authority, (await AzuriteEndpoint.BlobEndpointAsync()).Authority),
                ["customer"] = "Buyer AG",
                ["paymentTerms"] = "2/10 net 30",
                ["product"] = "Workshop",
                ["currency"] = "EUR",
                ["screenshot"] = screenshot,
            }, TimeSpan.FromMinutes(6), package: "@monite/sdk-react");
            // Every call the UI made, with its answer, for whoever wants to read it (the issue's closing note lists them).
            if (Environment.GetEnvironmentVariable("RECEIVABLES_UI_NETWORK_LOG") is { Length: > 0 } log) await File.WriteAllTextAsync(log, report.ToJsonString());
            // The README's picture of Monite's UI on this API is this screenshot; refresh it on demand.
            if (File.Exists(screenshot))
            {
                if (Environment.GetEnvironmentVariable("RECEIVABLES_UPDATE_DOC_IMAGES") == "1")
                    File.Copy(screenshot, RepoFiles.Path("docs", "images", "monite-ui.png"), overwrite: true);
                File.Delete(screenshot);
            }
            return new UiRun(w, draft, issued, Guid.Parse(workshop.Id()), admin, $"127.0.0.1:{PagePort}", report);
        }

        private async Task<Guid> RoleAsync(DocumentWorld w, string name, Dictionary<string, string[]> allowed)
        {
            // Every action of each object is named, the ones not allowed as not_allowed, so the UI reads an explicit no.
            var objects = new JsonArray(allowed.Select(o => (JsonNode)new JsonObject
            {
                ["object_type"] = o.Key,
                ["actions"] = new JsonArray(new[] { "create", "read", "update", "delete" }.Select(a => (JsonNode)new JsonObject
                {
                    ["action_name"] = a, ["permission"] = o.Value.Contains(a) ? "allowed" : "not_allowed",
                }).ToArray()),
            }).ToArray());
            var role = await SetupAsync("POST /v1/roles", HttpMethod.Post, "/v1/roles", new JsonObject { ["name"] = name, ["permissions"] = new JsonObject { ["objects"] = objects } }, w.Entity, HttpStatusCode.Created);
            return Guid.Parse(role["id"]!.GetValue<string>());
        }

        private async Task<Guid> EntityUserAsync(DocumentWorld w, string login, string firstName, Guid role)
        {
            var user = await SetupAsync("POST /v1/entity_users", HttpMethod.Post, "/v1/entity_users",
                new JsonObject { ["login"] = login, ["first_name"] = firstName, ["last_name"] = "Example", ["email"] = $"{login}@issuer.example", ["role_id"] = role.ToString() },
                w.Entity, HttpStatusCode.Created);
            return Guid.Parse(user["id"]!.GetValue<string>());
        }

        private async Task<string> EntityUserTokenAsync(Guid entityUser)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/token")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { grant_type = "entity_user", client_id = ClientA, client_secret = SecretA, entity_user_id = entityUser }),
            };
            request.Headers.Add("x-monite-version", Version);
            using var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /v1/auth/token (grant_type=entity_user) answered {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!["access_token"]!.GetValue<string>();
        }

        private async Task<JsonObject> SetupAsync(string what, HttpMethod method, string path, JsonObject body, Guid entity, HttpStatusCode expected)
        {
            using var response = await SendAsync(method, path, body.ToJsonString(), entity);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{what} answered {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!.AsObject();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
