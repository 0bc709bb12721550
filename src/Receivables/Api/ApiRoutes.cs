using System.Reflection;

namespace Receivables.Api;

/// <summary>
/// The route table: every route of the API, declared once, one partial file per feature
/// (<c>ApiRoutes.&lt;Feature&gt;.cs</c>). Templates are relative to <see cref="Prefix"/> (the Functions host's
/// route prefix in host.json) and are exactly the Functions <c>HttpTrigger</c> routes.
/// </summary>
public static partial class ApiRoutes
{
    public const string Prefix = "/v1";

    // Lazy: static fields of partial files initialise in an unspecified order, so collect them on first use.
    private static readonly Lazy<IReadOnlyList<ApiRoute>> all = new(() => typeof(ApiRoutes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ApiRoute))
        .Select(f => (ApiRoute)f.GetValue(null)!)
        .ToList());

    /// <summary>Every <see cref="ApiRoute"/> field of this class.</summary>
    public static IReadOnlyList<ApiRoute> All => all.Value;
}
