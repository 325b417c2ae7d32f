using Microsoft.Playwright;
using PartnerForge.Infrastructure.Persistence.Seeding;

namespace PartnerForge.Tests.Support;

/// <summary>
/// Base of the browser tests: the real app on its own loopback port and database for each test class's
/// instance, the shared Chromium, and signing in as a demo user.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    protected PartnerForgeApp App { get; } = new();

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
}
