using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Outreach;

namespace PartnerForge.Bench.Sequences;

/// <summary>
/// Outreach at volume: N people in a dozen time zones (UTC−10 to UTC+13, across the March daylight-saving changes) enrolled
/// in a two-e-mail sequence (e-mail, wait two business days, e-mail) in a fresh SQLite file, and the real
/// <see cref="SequenceDispatcher"/> run every 15 simulated minutes over a week of a moving clock, sending through the
/// product's MailKit mailer to a real SMTP server (aiosmtpd) on loopback. What the server received is checked without the
/// dispatcher's own logic: each message's send time (the clock when it arrived) in the recipient's own zone, by
/// <see cref="TimeZoneInfo"/>, against the 08:00–17:00 window, weekends and the workspace's holiday; and each person's
/// step arriving once. Baseline in the same run: as many messages of the same shape pushed by MailKit straight to the
/// same server over as many connections, no database.
/// </summary>
public sealed class SequencesSuite : IBenchSuite
{
    /// <summary>Thursday 5 March 2026, 12:00 UTC: the US changes clocks on the 8th, so the two steps straddle it.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 5, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Span = TimeSpan.FromDays(7);

    /// <summary>A Friday: the zones east of Europe, whose Thursday window has closed at the start, wait until Monday.</summary>
    private static readonly DateOnly Holiday = new(2026, 3, 6);

    private static readonly TimeOnly WindowStart = new(8, 0);
    private static readonly TimeOnly WindowEnd = new(17, 0);

    public string Name => "sequences";

    public string Description => "outreach dispatch e-mails/s over real SMTP with a moving clock, out-of-window and duplicate sends (vs raw MailKit)";

    public int DefaultSize => 100_000;

    public async Task RunAsync(BenchContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var smtp = await SmtpRecorder.StartAsync(Path.Combine(context.WorkDirectory, "smtp"));
        await using var workspace = await SequenceWorkspace.StartAsync(Path.Combine(context.WorkDirectory, "db"), smtp.Port, Start);
        var setup = Stopwatch.StartNew();
        var plan = await workspace.SeedAsync(context.Size);
        await workspace.EnrolAsync(plan, dailyCap: 2 * SequenceWorkspace.PerOwner, Holiday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var options = workspace.Services.GetRequiredService<IOptions<OutreachOptions>>().Value;
        context.Output.Note($"setup: {context.Size:N0} contacts in {SequenceWorkspace.Zones.Length} zones, {plan.Count} mailboxes (daily cap {2 * SequenceWorkspace.PerOwner:N0}), "
            + $"enrolled in {setup.Elapsed.TotalSeconds:0.0} s; batch {options.BatchSize}, {options.SmtpConnections} SMTP connections; aiosmtpd on port {smtp.Port}");

        var run = await DispatchAsync(workspace, smtp);
        var check = SendCheck.Of(run.Received, workspace.People, Holiday, WindowStart, WindowEnd);
        context.Output.Note($"dispatch: {run.Ticks} runs over {Span.TotalDays:0} simulated days, {run.Seconds:0.0} s in the dispatcher ({run.BusySeconds:0.0} s in runs that sent); "
            + $"dispatcher counted {run.Summary.Sent:N0} sent, {run.Summary.Deferred:N0} moved to a slot, {run.Summary.Skipped:N0} waits done, {run.Summary.Failed:N0} failed");
        context.Output.Note($"server: {check.Received:N0} messages, {check.Missing:N0} steps never arrived (of {2 * context.Size:N0}), {check.SameMessageId:N0} repeated Message-IDs, "
            + $"{check.DateHeaderMatchesClock:N0} Date headers equal the simulated clock, avg {check.AverageBytes:0} bytes");
        foreach (var line in check.Examples)
        {
            context.Output.Note(line);
        }

        var raw = await RawSmtp.RunAsync(smtp, check.Received, options.SmtpConnections, check.AverageBytes);
        context.Output.Note($"raw MailKit: {raw.Count:N0} messages over {options.SmtpConnections} connections in {raw.Seconds:0.0} s, avg {raw.AverageBytes:0} bytes");

        var rate = check.Received / run.Seconds;
        context.Output.Figure("sequence_enrolments", context.Size, "0");
        context.Output.Figure("sequence_emails_sent", check.Received, "0");
        context.Output.Figure("sequence_emails_per_s", rate, "0");
        context.Output.Figure("smtp_raw_emails_per_s", raw.Count / raw.Seconds, "0");
        context.Output.Figure("sequence_vs_raw", rate / (raw.Count / raw.Seconds), "0.00");
        context.Output.Figure("sequence_out_of_window", check.OutOfWindow, "0");
        context.Output.Figure("sequence_duplicates", check.Duplicates, "0");
    }

    private sealed record DispatchRun(List<(ReceivedMessage Message, DateTime ClockUtc)> Received, int Ticks, double Seconds, double BusySeconds, DispatchSummary Summary);

    /// <summary>The dispatcher as the job runs it (a scope per run, as the workspace), every tick of the clock; only the runs are timed.</summary>
    private static async Task<DispatchRun> DispatchAsync(SequenceWorkspace workspace, SmtpRecorder smtp)
    {
        var received = new List<(ReceivedMessage, DateTime)>();
        var total = new DispatchSummary(0, 0, 0, 0, 0, 0);
        double seconds = 0, busy = 0;
        var ticks = (int)(Span / Tick);
        for (var tick = 0; tick < ticks; tick++)
        {
            var clockUtc = workspace.Clock.GetUtcNow().UtcDateTime;
            var started = Stopwatch.GetTimestamp();
            DispatchSummary summary;
            await using (var scope = workspace.Scope())
            {
                summary = await scope.ServiceProvider.GetRequiredService<SequenceDispatcher>().RunAsync();
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            seconds += elapsed;
            busy += summary.Sent > 0 ? elapsed : 0;
            total += summary;
            received.AddRange(smtp.ReadNew().Select(m => (m, clockUtc)));
            workspace.Clock.Advance(Tick);
        }

        return new DispatchRun(received, ticks, seconds, busy, total);
    }
}
