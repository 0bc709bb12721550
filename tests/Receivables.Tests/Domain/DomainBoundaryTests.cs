using System.Text.RegularExpressions;
using Receivables.Tests.Infrastructure;

namespace Receivables.Tests.Domain;

/// <summary>The rules depend on nothing else in the library and know no HTTP, Cosmos or ASP.NET types.</summary>
public sealed partial class DomainBoundaryTests
{
    [Fact]
    public void domain_sources_name_no_other_part_of_the_library_and_no_infrastructure()
    {
        var files = Directory.EnumerateFiles(RepoFiles.Path("src", "Receivables", "Domain"), "*.cs", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var source = File.ReadAllText(file);
            foreach (Match m in LibraryReference().Matches(source))
                Assert.True(m.Groups["ns"].Value.StartsWith("Domain", StringComparison.Ordinal), $"{Path.GetFileName(file)} uses Receivables.{m.Groups["ns"].Value}");
            Assert.DoesNotMatch(Infrastructure(), source);
        }
    }

    [Fact]
    public void domain_types_reference_only_domain_and_system_types()
    {
        var domain = typeof(Transitions).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith("Receivables.Domain", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(domain);
        foreach (var type in domain)
        {
            var used = type.GetProperties().Select(p => p.PropertyType)
                .Concat(type.GetMethods().SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Concat(type.GetConstructors().SelectMany(c => c.GetParameters().Select(p => p.ParameterType)))
                .SelectMany(Flatten);
            foreach (var t in used)
                Assert.True(t.Namespace is null || t.Namespace.StartsWith("System", StringComparison.Ordinal) || t.Namespace.StartsWith("Receivables.Domain", StringComparison.Ordinal),
                    $"{type.FullName} uses {t.FullName}");
        }
    }

    private static IEnumerable<Type> Flatten(Type t) =>
        t.IsGenericType ? t.GetGenericArguments().SelectMany(Flatten).Append(t) : t.HasElementType ? Flatten(t.GetElementType()!) : [t];

    [GeneratedRegex(@"\bReceivables\.(?<ns>[A-Z]\w*)")]
    private static partial Regex LibraryReference();

    [GeneratedRegex(@"\b(Microsoft\.Azure|Microsoft\.AspNetCore|HttpStatusCode|StatusCodes|HttpContext)\b")]
    private static partial Regex Infrastructure();
}
