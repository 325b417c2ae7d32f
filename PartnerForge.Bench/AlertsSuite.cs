using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Bench;

/// <summary>
/// Alert latency end to end: the real web app in-process on a loopback port, the rep signed in in Debian's
/// Chromium (/usr/bin/chromium) with a page open; N times, a new snapshot of an account is saved
/// (<see cref="SnapshotRecorder.RecordAsync"/>: diff, rule match, alert, event) and the clock runs until the toast
/// carrying that alert's title is in the page (a MutationObserver stamps <c>Date.now()</c>; server and browser share
/// the machine's clock). Baseline in the same run: snapshot saved → <see cref="AlertRaised"/> delivered to an
/// in-process event-bus subscriber (the server's part, without the circuit, SignalR and the browser).
/// </summary>
public sealed class AlertsSuite : IBenchSuite
{
    private const string ChromiumPath = "/usr/bin/chromium";

    public string Name => "alerts";

    public string Description => "alert latency p50/p95: snapshot saved → toast visible in Chromium (vs in-process event bus)";

    public int DefaultSize => 100;

    public async Task RunAsync(BenchContext context)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} not found: install Debian's chromium package (the README's test command does).");
        }

        // Quiet logs (figures go to stdout) and keep log files out of the source tree; before the app reads configuration.
        Environment.SetEnvironmentVariable("Serilog__WriteTo__0__Args__restrictedToMinimumLevel", "Warning");
        Environment.SetEnvironmentVariable("Serilog__WriteTo__1__Args__path", Path.Combine(context.WorkDirectory, "logs", "partnerforge-.log"));
        await using var app = new BenchWebApp(Path.Combine(context.WorkDirectory, "web"));
        var baseUrl = app.Start();
        context.Output.Note($"web app on {baseUrl} (Development environment, SQLite, demo workspace)");

        var (tenant, rep, company) = await app.QueryAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test");
            var acme = await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Name == "Acme Outdoor Supply");
            return (user.TenantId, user.Id, acme.Id);
        });
        await using (var scope = app.Scope(tenant, rep))
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            db.AlertRules.Add(new AlertRule("Bench: every new fact", rep, rep, null) { Kind = ChangeKind.Added });
            await db.SaveChangesAsync();
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 860 } });
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(baseUrl + "/alerts");
        await page.Locator("#email").FillAsync("rep@northwind.test");
        await page.Locator("#password").FillAsync(PartnerForge.Infrastructure.Persistence.Seeding.DemoWorkspace.DefaultPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.Locator(".pf-layout[data-interactive='true']").WaitForAsync();
        // Stamp the moment each toast enters the page, by the token in its text.
        await page.EvaluateAsync("""
            () => {
              window.__toasts = {};
              new MutationObserver(() => {
                for (const item of document.querySelectorAll('.mud-snackbar')) {
                  const m = /bench-(\d+)/.exec(item.textContent || '');
                  if (m && !(m[1] in window.__toasts)) window.__toasts[m[1]] = Date.now();
                }
              }).observe(document.body, { childList: true, subtree: true, characterData: true });
            }
            """);

        var bus = app.Services.GetRequiredService<IEventBus>();
        var delivered = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<long>>();
        using var subscription = bus.Subscribe<AlertRaised>(tenant, e =>
        {
            var m = System.Text.RegularExpressions.Regex.Match(e.Title, @"bench-(\d+)");
            if (m.Success)
            {
                delivered.GetOrAdd(m.Groups[1].Value, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(Stopwatch.GetTimestamp());
            }

            return Task.CompletedTask;
        });

        var facts = new List<(string Path, string Value)> { ("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse") };
        await RecordAsync(app, tenant, company, facts); // the baseline snapshot: nothing to change from

        // Warm-up: JIT, query compilation, the circuit's first renders (not measured).
        for (var i = 0; i < 5; i++)
        {
            facts.Add(($"trigger.funding[warmup-{i}]", $"Warm-up round warm-{i}"));
            await RecordAsync(app, tenant, company, facts);
            await Task.Delay(200);
        }

        var toast = new List<double>();
        var server = new List<double>();
        for (var i = 0; i < context.Size; i++)
        {
            var token = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            facts.Add(($"trigger.funding[2026-11-{i:000}]", $"Raises round bench-{token}"));
            var startEpoch = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var startTicks = Stopwatch.GetTimestamp();
            var result = await RecordAsync(app, tenant, company, facts);
            if (result.AlertIds.Count != 1)
            {
                throw new InvalidOperationException($"snapshot {token} raised {result.AlertIds.Count} alerts, not 1 ({result.ChangeEventIds.Count} changes)");
            }

            var at = await delivered.GetOrAdd(token, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TimeSpan.FromSeconds(10));
            server.Add(Stopwatch.GetElapsedTime(startTicks, at).TotalMilliseconds);
            var seen = await page.WaitForFunctionAsync($"() => window.__toasts['{token}']", null, new PageWaitForFunctionOptions { Timeout = 10_000, PollingInterval = 5 });
            toast.Add((await seen.JsonValueAsync<double>()) - startEpoch);
            // Old toasts close themselves after 8 s; pace the alerts like a busy afternoon, not a flood.
            await Task.Delay(100);
        }

        var badge = await page.GetByTestId("alerts-badge").TextContentAsync();
        context.Output.Note($"{context.Size} alerts (+5 warm-up), one change each; header badge shows {badge}");
        context.Output.Figure("bus_p50_ms", Percentile(server, 0.50), "0.0");
        context.Output.Figure("bus_p95_ms", Percentile(server, 0.95), "0.0");
        context.Output.Figure("alert_p50_ms", Percentile(toast, 0.50), "0.0");
        context.Output.Figure("alert_p95_ms", Percentile(toast, 0.95), "0.0");
        context.Output.Figure("alert_max_ms", toast.Max(), "0.0");
    }

    private static async Task<SnapshotRecordResult> RecordAsync(BenchWebApp app, Guid tenant, Guid company, List<(string Path, string Value)> facts)
    {
        var json = CanonicalJson.FromFacts(facts.Select(f => new Fact(f.Path, f.Value,
            new SourceRef("https://acme-outdoor.test/news.xml", DateTime.UnixEpoch, "rss", f.Value))));
        await using var scope = app.Scope(tenant, null);
        return await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(company, "M07", Guid.NewGuid(), json, facts.Count);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
