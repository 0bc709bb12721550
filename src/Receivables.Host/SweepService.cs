using Cronos;
using Receivables.Hosting;
using Receivables.Sweep;

namespace Receivables.Host;

/// <summary>
/// Runs the due-date sweep on <c>Sweep:Schedule</c> (UTC), like the Functions timer does in Azure, so a local run shows
/// overdue invoices and expired quotes too. Not on start-up, as the timer (<c>RunOnStartup</c> off).
/// </summary>
internal sealed partial class SweepService(DueDateSweep sweep, PdfSweep pdfs, TimeProvider clock, IConfiguration configuration, ILogger<SweepService> log) : BackgroundService
{
    /// <summary>After each scheduled run, with its report or what made it fail (tests wait on it instead of sleeping).</summary>
    internal event Action<SweepReport?, Exception?>? Ran;

    /// <summary>When the service waits for its next run, with that run's time (UTC).</summary>
    internal event Action<DateTime>? Waiting;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(configuration[ReceivablesSettings.SweepSchedule] ?? ReceivablesSettings.DefaultSweepSchedule, CronFormat.IncludeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (schedule.GetNextOccurrence(now.UtcDateTime, inclusive: false) is not { } next) return;
            var wait = Task.Delay(next - now.UtcDateTime, clock, stoppingToken);
            Waiting?.Invoke(next); // after the timer exists, so a clock moved from here on reaches it
            await wait;
            try
            {
                var report = await sweep.RunAsync(stoppingToken);
                await pdfs.RunAsync(stoppingToken);
                Ran?.Invoke(report, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next run tries again; the sweep is idempotent.
                LogFailed(log, e);
                Ran?.Invoke(null, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The due-date sweep failed; it runs again at the next scheduled time")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
