using Microsoft.Azure.Functions.Worker;
using Receivables.Sweep;

namespace Receivables.Functions;

/// <summary>
/// The second half of the product: the due-date sweep on a timer. The schedule is the app setting <c>Sweep__Schedule</c>
/// (NCRONTAB with seconds, UTC); not on start-up, so a cold start (scale from zero) never triggers a run of its own.
/// </summary>
public sealed class SweepFunctions(DueDateSweep sweep, PdfSweep pdfs)
{
    /// <summary>The due dates first (their status changes are what customers act on), then the PDFs still pending.</summary>
    [Function("DueDateSweep")]
    public async Task DueDateSweep([TimerTrigger("%Sweep:Schedule%", RunOnStartup = false)] TimerInfo timer, CancellationToken cancellationToken)
    {
        await sweep.RunAsync(cancellationToken);
        await pdfs.RunAsync(cancellationToken);
    }
}
