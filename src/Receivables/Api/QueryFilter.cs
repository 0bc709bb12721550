using System.Globalization;
using Microsoft.Azure.Cosmos;

namespace Receivables.Api;

/// <summary>
/// The conditions of a list's query, each with its value as a parameter (never spliced into the SQL): the one way
/// <see cref="ListReader"/> turns a list's scope, filters and cursor into a query.
/// </summary>
public sealed class QueryFilter
{
    private readonly List<string> conditions = [];
    private readonly List<(string Name, object Value)> parameters = [];

    /// <summary>A condition with one value: <c>{0}</c> in <paramref name="condition"/> stands for its parameter.</summary>
    public void Add(string condition, object value)
    {
        var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add((name, value));
        conditions.Add(string.Format(CultureInfo.InvariantCulture, condition, name));
    }

    /// <summary>A condition with several values: <c>{0}</c>, <c>{1}</c>… in <paramref name="condition"/> stand for them in order.</summary>
    public void AddValues(string condition, IReadOnlyList<object> values)
    {
        var names = new object[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add(((string)names[i], values[i]));
        }
        conditions.Add(string.Format(CultureInfo.InvariantCulture, condition, names));
    }

    /// <summary><c>{where}</c> (which may use <c>@resource</c> and the <paramref name="fixedParameters"/>) AND every condition.</summary>
    public QueryDefinition ToQuery(string select, string where, string orderBy, string resource, params (string Name, object Value)[] fixedParameters)
    {
        var sql = $"{select} WHERE {where}" + string.Concat(conditions.Select(c => " AND " + c)) + " ORDER BY " + orderBy;
        var query = new QueryDefinition(sql).WithParameter("@resource", resource);
        foreach (var (name, value) in fixedParameters.Concat(parameters)) query = query.WithParameter(name, value);
        return query;
    }
}
