using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Receivables.Tests.Worker.Rpc;

namespace Receivables.Tests.Worker;

/// <summary>
/// One function as the worker indexed it (its <c>FunctionMetadataResponse</c> entry), with what the host derives from its
/// <c>raw_bindings</c>: the binding map of the <c>FunctionLoadRequest</c>, the trigger, and for an HTTP trigger the
/// methods and the route template under the host.json route prefix.
/// </summary>
public sealed class HostedFunction
{
    private readonly RouteTemplate? template;
    private readonly TemplateMatcher? matcher;

    private HostedFunction(RpcFunctionMetadata metadata, string id, JsonObject trigger, string routePrefix)
    {
        Metadata = metadata;
        Id = id;
        Name = metadata.Name;
        TriggerType = trigger["type"]!.GetValue<string>();
        TriggerName = trigger["name"]!.GetValue<string>();
        if (IsHttp)
        {
            Methods = trigger["methods"]?.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ToList() ?? [];
            // As the host and the worker's FunctionsEndpointDataSource do: the function's name when it has no route.
            var route = trigger["route"]?.GetValue<string>() ?? Name;
            RouteTemplate = string.IsNullOrEmpty(routePrefix) ? route : $"{routePrefix}/{route}";
            template = TemplateParser.Parse(RouteTemplate);
            var defaults = new RouteValueDictionary();
            foreach (var parameter in template.Parameters.Where(p => p.DefaultValue is not null)) defaults[parameter.Name!] = parameter.DefaultValue;
            matcher = new TemplateMatcher(template, defaults);
        }
        else
        {
            Methods = [];
        }
    }

    public RpcFunctionMetadata Metadata { get; }

    public string Id { get; }

    public string Name { get; }

    /// <summary>The trigger binding's type (<c>httpTrigger</c>, <c>timerTrigger</c>) and name (the input it arrives as).</summary>
    public string TriggerType { get; }

    public string TriggerName { get; }

    public bool IsHttp => string.Equals(TriggerType, "httpTrigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>HTTP methods, upper case; empty for every method (and for a function that is not HTTP).</summary>
    public IReadOnlyList<string> Methods { get; }

    /// <summary>The full route template (prefix included) of an HTTP function, as the worker maps it too.</summary>
    public string? RouteTemplate { get; }

    /// <summary>
    /// Reads an indexed function: parses its raw bindings into the binding map the worker expects in its load request
    /// (name → type, direction, data type), as the host does for worker-indexed functions.
    /// </summary>
    public static HostedFunction From(RpcFunctionMetadata indexed, string routePrefix)
    {
        var metadata = indexed.Clone();
        var id = string.IsNullOrEmpty(metadata.FunctionId) ? Guid.NewGuid().ToString() : metadata.FunctionId;
        metadata.FunctionId = id;
        metadata.Bindings.Clear();
        JsonObject? trigger = null;
        foreach (var raw in metadata.RawBindings)
        {
            var binding = JsonNode.Parse(raw)?.AsObject() ?? throw new InvalidOperationException($"{metadata.Name}: a raw binding is not a JSON object: {raw}");
            var name = binding["name"]?.GetValue<string>() ?? throw new InvalidOperationException($"{metadata.Name}: a raw binding has no name: {raw}");
            var type = binding["type"]?.GetValue<string>() ?? throw new InvalidOperationException($"{metadata.Name}: binding {name} has no type");
            var info = new BindingInfo
            {
                Type = type,
                Direction = Enum.Parse<BindingInfo.Types.Direction>(binding["direction"]?.GetValue<string>() ?? "in", ignoreCase: true),
            };
            if (binding["dataType"]?.GetValue<string>() is { Length: > 0 } dataType)
                info.DataType = Enum.Parse<BindingInfo.Types.DataType>(dataType, ignoreCase: true);
            metadata.Bindings[name] = info;
            if (type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
            {
                if (trigger is not null) throw new InvalidOperationException($"{metadata.Name} has two triggers");
                trigger = binding;
            }
        }
        return new HostedFunction(metadata, id, trigger ?? throw new InvalidOperationException($"{metadata.Name} has no trigger binding"), routePrefix);
    }

    /// <summary>
    /// The route values when this HTTP function takes the request: its method is listed, the path matches the template
    /// and every inline constraint (<c>{receivable_id:guid}</c>) holds.
    /// </summary>
    public RouteValueDictionary? Match(HttpContext context, IInlineConstraintResolver constraints)
    {
        if (!IsHttp || template is null || matcher is null) return null;
        if (Methods.Count > 0 && !Methods.Contains(context.Request.Method.ToUpperInvariant())) return null;
        var values = new RouteValueDictionary();
        if (!matcher.TryMatch(context.Request.Path, values)) return null;
        foreach (var parameter in template.Parameters)
        {
            foreach (var inline in parameter.InlineConstraints)
            {
                var constraint = constraints.ResolveConstraint(inline.Constraint)
                    ?? throw new InvalidOperationException($"{Name}: unknown route constraint '{inline.Constraint}'");
                if (!constraint.Match(context, null, parameter.Name!, values, RouteDirection.IncomingRequest)) return null;
            }
        }
        return values;
    }

    /// <summary>The route prefix of host.json (<c>extensions.http.routePrefix</c>), "api" when it sets none.</summary>
    public static string ReadRoutePrefix(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path)) return "api";
        var prefix = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?["extensions"]?["http"]?["routePrefix"];
        return prefix?.GetValue<string>() ?? "api";
    }

    public override string ToString() => IsHttp ? $"{Name} ({string.Join(',', Methods)} /{RouteTemplate})" : $"{Name} ({TriggerType})";
}
