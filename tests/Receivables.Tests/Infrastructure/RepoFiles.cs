namespace Receivables.Tests.Infrastructure;

/// <summary>Files of the repository, for tests that read source and configuration files.</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Receivables.Functions.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Repository root (Receivables.Functions.sln) not found above " + AppContext.BaseDirectory);
    }
}
