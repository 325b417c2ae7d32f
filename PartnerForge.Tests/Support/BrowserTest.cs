using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Browser;

namespace PartnerForge.Tests.Support;

/// <summary>
/// Base of the browser tests: the real app on its own loopback port and database for each test class's
/// instance, the shared Chromium, and signing in as a demo user.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser, PartnerForgeApp? app = null) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    /// <summary>The app under test; a test class may pass its own (e.g. one on a manual clock).</summary>
    protected PartnerForgeApp App { get; } = app ?? new();

    protected string BaseUrl { get; private set; } = string.Empty;

    public virtual Task InitializeAsync()
    {
        BaseUrl = App.StartKestrel();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.CloseContextsAsync();
        await App.DisposeAsync();
    }

    /// <summary>Fills and submits the sign-in form on the current page.</summary>
    protected static async Task SubmitSignInAsync(IPage page, string email, string password = DemoWorkspace.DefaultPassword)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }

    /// <summary>A new page that opens <paramref name="path"/>, signs in as <paramref name="email"/> and waits for the live circuit there.</summary>
    protected async Task<IPage> SignedInPageAsync(string email, string path = "/")
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + path);
        await SubmitSignInAsync(page, email);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        return page;
    }

    /// <summary>A service scope of the running app acting in <paramref name="tenant"/> (as a test, not a person unless given).</summary>
    protected AsyncServiceScope Scope(Guid tenant, Guid? user = null)
    {
        var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant, user, "test");
        return scope;
    }

    /// <summary>A whole enrichment run of every module for <paramref name="company"/>, as the job would run it.</summary>
    protected async Task EnrichAsync(Guid tenant, Guid company)
    {
        await using var scope = Scope(tenant);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var run = new EnrichmentRun(company, null, null, DateTime.UtcNow, ModuleCatalog.All.Count);
        db.EnrichmentRuns.Add(run);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<EnrichmentOrchestrator>().RunAsync(run.Id, CancellationToken.None);
    }

    /// <summary>Records one module's result for <paramref name="company"/> as a new snapshot (what changed raises changes and alerts).</summary>
    protected async Task RecordAsync(Guid tenant, Guid company, string module, string json)
    {
        await using var scope = Scope(tenant);
        await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(company, module, Guid.NewGuid(), json, 1);
    }
}
