using Microsoft.Playwright;

namespace PartnerForge.Tests.Support;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium) driven by Playwright, shared by the browser tests. Playwright cannot
/// download its own browsers here; the README's test command installs the chromium package.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly List<IBrowserContext> _open = [];
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: artifacts/screenshots at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = CreateScreenshotDirectory();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} not found. Run the README's test command, which installs Debian's chromium package.");
        }

        // Assertions wait up to 15 s: a loaded 2-core machine (CI, parallel builds) can take seconds to push a render.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
            ],
        });
    }

    public Task<IPage> NewPageAsync() => NewPageAsync(1366, ColorScheme.Light);

    /// <summary>A page in its own context, <paramref name="width"/> px wide, with the system's light or dark preference.</summary>
    public async Task<IPage> NewPageAsync(int width, ColorScheme scheme)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 860 },
            ColorScheme = scheme,
            TimezoneId = "Europe/London",
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(20_000);
        lock (_open)
        {
            _open.Add(context);
        }

        return await context.NewPageAsync();
    }

    /// <summary>
    /// Closes every context a test opened, so its circuits end while the app that serves them is still running
    /// (and Chromium does not keep a page per finished test alive for the rest of the run).
    /// </summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var context in open)
        {
            await context.CloseAsync();
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static string CreateScreenshotDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartnerForge.sln")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? TestEnvironment.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Chromium";
}
