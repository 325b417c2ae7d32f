using System.Diagnostics;
using Microsoft.Playwright;
using PartnerForge.Bench.Suites;

namespace PartnerForge.Bench;

/// <summary>
/// The UI in Debian's Chromium against the real app in-process on a loopback port (demo workspace, SQLite).
/// <list type="bullet">
/// <item><c>ui_interactive_p95_ms</c>: per page, from the navigation's start to the first interaction that works — the
/// live circuit answers a click on the theme switch by repainting — p95 over every page and round. Baseline in the
/// same run: the static sign-in page's load (no circuit).</item>
/// <item><c>circuit_kb</c>: the server's managed heap (after a full collection) with N signed-in idle dashboard circuits
/// open, minus the heap with N pages open on a static page (same browser and client objects, no circuit), per
/// circuit; <c>circuit_shell_kb</c> the same for N more circuits on the not-found page (the layout and the circuit
/// without a page's content).</item>
/// </list>
/// </summary>
public sealed class UiSuite : IBenchSuite
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Pages =
    [
        "/", "/accounts", "/pipeline", "/pipeline/deals", "/changes", "/alerts", "/alerts/settings", "/enrichment/runs",
        "/admin", "/admin/teams", "/admin/icp", "/admin/usage", "/admin/audit", "/admin/invoices",
    ];

    public string Name => "ui";

    public string Description => "time to first working interaction per page (p95) and server memory per idle circuit, in Chromium";

    public int DefaultSize => 50;

    public async Task RunAsync(BenchContext context)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} not found: install Debian's chromium package (the README's test command does).");
        }

        Environment.SetEnvironmentVariable("Serilog__WriteTo__0__Args__restrictedToMinimumLevel", "Warning");
        Environment.SetEnvironmentVariable("Serilog__WriteTo__1__Args__path", Path.Combine(context.WorkDirectory, "logs", "partnerforge-.log"));
        await using var app = new BenchWebApp(Path.Combine(context.WorkDirectory, "web"));
        var baseUrl = app.Start();
        context.Output.Note($"web app on {baseUrl} (Development environment, SQLite, demo workspace)");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
        });
        var session = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        session.SetDefaultTimeout(60_000);
        var page = await session.NewPageAsync();

        var staticLoads = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await page.GotoAsync(baseUrl + "/account/login", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            staticLoads.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        await page.Locator("#email").FillAsync("platform@partnerforge.test");
        await page.Locator("#password").FillAsync(PartnerForge.Infrastructure.Persistence.Seeding.DemoWorkspace.DefaultPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.Locator(".pf-layout[data-interactive='true']").WaitForAsync();

        // Warm-up round (JIT, query compilation, first renders): not measured.
        foreach (var path in Pages)
        {
            await TimeToInteractiveAsync(page, baseUrl + path);
        }

        var interactive = new List<double>();
        var perPage = new Dictionary<string, List<double>>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var path in Pages)
            {
                var ms = await TimeToInteractiveAsync(page, baseUrl + path);
                interactive.Add(ms);
                (perPage.TryGetValue(path, out var list) ? list : perPage[path] = []).Add(ms);
            }
        }

        var slowest = perPage.OrderByDescending(p => p.Value.Max()).First();
        context.Output.Note($"{Pages.Length} pages × 3 rounds after a warm-up round; slowest page {slowest.Key} (max {slowest.Value.Max():0} ms)");
        context.Output.Figure("static_load_p50_ms", GridSuite.Percentile(staticLoads, 50), "0");
        context.Output.Figure("ui_interactive_p50_ms", GridSuite.Percentile(interactive, 50), "0");
        context.Output.Figure("ui_interactive_p95_ms", GridSuite.Percentile(interactive, 95), "0");

        await page.CloseAsync();
        var circuits = context.Size;
        var baselinePages = new List<IPage>();
        for (var i = 0; i < circuits; i++)
        {
            var p = await session.NewPageAsync();
            await p.GotoAsync(baseUrl + "/favicon.svg");
            baselinePages.Add(p);
        }

        var baselineHeap = SettledHeap();
        if (OptionValue("--dump") is { } baselineDump)
        {
            // The same process with the static pages only: a diff of the two dumps is what the circuits hold.
            WriteHeapDump(baselineDump + ".baseline");
        }

        var circuitHeap = await OpenCircuitsAsync(session, baseUrl + "/", circuits);
        if (OptionValue("--dump") is { } dumpPath)
        {
            WriteHeapDump(dumpPath);
            context.Output.Note($"heap dump with {circuits} idle dashboard circuits written to {dumpPath}");
        }

        context.Output.Note($"{circuits} idle dashboard circuits vs {circuits} static pages: heap {baselineHeap / 1024.0 / 1024:0.0} MB → {circuitHeap / 1024.0 / 1024:0.0} MB");
        context.Output.Figure("static_page_heap_mb", baselineHeap / 1024.0 / 1024, "0.0");
        context.Output.Figure("circuit_kb", (circuitHeap - baselineHeap) / 1024.0 / circuits, "0");

        // The same number again on the not-found page: the layout (app bar, drawer, alerts bell, user menu) and the
        // circuit itself, without a page's content — what every page pays before its own components.
        var shellHeap = await OpenCircuitsAsync(session, baseUrl + "/no-such-page", circuits);
        context.Output.Figure("circuit_shell_kb", (shellHeap - circuitHeap) / 1024.0 / circuits, "0");
    }

    /// <summary>Opens <paramref name="count"/> pages at <paramref name="url"/>, waits until each circuit is live, and returns the settled heap.</summary>
    private static async Task<long> OpenCircuitsAsync(IBrowserContext session, string url, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var p = await session.NewPageAsync();
            await p.GotoAsync(url);
            await p.Locator(".pf-layout[data-interactive='true']").WaitForAsync();
        }

        await Task.Delay(2000);
        return SettledHeap();
    }

    /// <summary>From the navigation's start until the live circuit has answered a click on the theme switch.</summary>
    private static async Task<double> TimeToInteractiveAsync(IPage page, string url)
    {
        var start = Stopwatch.GetTimestamp();
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var layout = page.Locator(".pf-layout[data-interactive='true']");
        await layout.WaitForAsync();
        var before = await layout.GetAttributeAsync("data-theme");
        await page.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await page.Locator($".pf-layout[data-theme='{(before == "dark" ? "light" : "dark")}']").WaitForAsync();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        await page.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await page.Locator($".pf-layout[data-theme='{before}']").WaitForAsync();
        return elapsed;
    }

    /// <summary>The value after <paramref name="name"/> on the bench's command line (e.g. <c>ui --dump /tmp/ui.dmp</c>).</summary>
    private static string? OptionValue(string name)
    {
        var args = Environment.GetCommandLineArgs();
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>
    /// A full dump of this process (the web app runs in it) by the runtime's own createdump, for reading with ClrMD or
    /// dotnet-dump: what the idle circuits hold, by type and by owner.
    /// </summary>
    private static void WriteHeapDump(string path)
    {
        var createdump = Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "createdump");
        using var process = Process.Start(new ProcessStartInfo(createdump)
        {
            ArgumentList = { "--withheap", "-f", Path.GetFullPath(path), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"createdump failed ({process.ExitCode}): {process.StandardError.ReadToEnd()}");
        }
    }

    private static long SettledHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
