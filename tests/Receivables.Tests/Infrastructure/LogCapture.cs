using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Receivables.Tests.Infrastructure;

/// <summary>One log entry as a host wrote it.</summary>
public sealed record LogEntry(int Sequence, LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId.Id}] {Message}{(Exception is null ? "" : " " + Exception.GetType().Name + ": " + Exception.Message)}";
}

/// <summary>
/// A logger provider that keeps what a host logs from Debug up, whatever the host's own filters say, so that tests can
/// check the level of what a request caused and wait for an entry (a request's end) instead of sleeping.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly Lock gate = new();
    private readonly List<LogEntry> entries = [];
    private readonly List<(Func<LogEntry, bool> Match, TaskCompletionSource<LogEntry> Seen)> waiters = [];

    public void AddTo(IServiceCollection services) =>
        services.AddLogging(logging => logging.AddProvider(this).AddFilter<LogCapture>(null, LogLevel.Debug));

    /// <summary>How many entries there are so far: a mark to look at what came after it.</summary>
    public int Count
    {
        get { lock (gate) return entries.Count; }
    }

    public IReadOnlyList<LogEntry> Since(int mark)
    {
        lock (gate) return entries.Skip(mark).ToList();
    }

    /// <summary>The first entry from <paramref name="mark"/> on that matches, when it comes.</summary>
    public Task<LogEntry> WaitForAsync(int mark, Func<LogEntry, bool> match)
    {
        lock (gate)
        {
            if (entries.Skip(mark).FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            var waiter = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((match, waiter));
            return waiter.Task;
        }
    }

    private void Add(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        lock (gate)
        {
            var entry = new LogEntry(entries.Count, level, category, eventId, message, exception);
            entries.Add(entry);
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (!waiters[i].Match(entry)) continue;
                waiters[i].Seen.TrySetResult(entry);
                waiters.RemoveAt(i);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Add(logLevel, category, eventId, formatter(state, exception), exception);
    }
}
