using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnerForge.Domain.Changes;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>The alert rules and preferences page in real Chromium, driven from the keyboard where a person would.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertSettingsBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_manager_makes_personal_and_team_rules_sees_clear_errors_without_losing_input_and_sets_preferences()
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/alerts");
        await SubmitSignInAsync(page, "manager@northwind.test");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/alerts$"));
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await page.GetByTestId("alert-settings-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/alerts/settings$"));
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        // A new user starts with the default rules (their accounts' changes, replies to their outreach).
        var defaults = PartnerForge.Domain.Changes.DefaultAlertRules.For(Guid.NewGuid(), Guid.NewGuid()).Count;
        await Assertions.Expect(page.GetByTestId("rule-item")).ToHaveCountAsync(defaults);
        await Assertions.Expect(page.GetByTestId("rule-list")).ToContainTextAsync(PartnerForge.Domain.Changes.DefaultAlertRules.Leadership);
        await BrowserFixture.ScreenshotAsync(page, "26-alert-settings-empty");

        // A rule with mistakes: no name, significance 150. Typed values stay; each field says what is wrong.
        await page.GetByTestId("new-rule").ClickAsync();
        await PickAsync(page, "rule-module", "M02 ·");
        await page.Locator("#rule-min").FillAsync("150");
        await page.Locator("#rule-tech").FillAsync("Algolia, Bloomreach");
        await page.GetByTestId("tier-A").CheckAsync();
        await page.Locator("#rule-tech").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("rule-errors")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#rule-name-error")).ToContainTextAsync("Give the rule a name");
        await Assertions.Expect(page.Locator("#rule-min-error")).ToContainTextAsync("0 to 100");
        await Assertions.Expect(page.Locator("#rule-tech")).ToHaveValueAsync("Algolia, Bloomreach");
        await Assertions.Expect(page.Locator("#rule-module")).ToHaveValueAsync("M02");
        await Assertions.Expect(page.GetByTestId("tier-A")).ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(page, "27-alert-rule-errors");

        await page.Locator("#rule-name").FillAsync("Competitor tech on tier A");
        await page.Locator("#rule-min").FillAsync("40");
        await page.Locator("#rule-name").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("rule-item")).ToHaveCountAsync(defaults + 1);
        await Assertions.Expect(page.GetByTestId("rule-list")).ToContainTextAsync("Competitor tech on tier A");
        await Assertions.Expect(page.GetByTestId("rule-list")).ToContainTextAsync("technologies: Algolia, Bloomreach");

        // A team rule: the manager's team is offered; members will see it read-only.
        await page.GetByTestId("new-rule").ClickAsync();
        await page.Locator("#rule-name").FillAsync("Team: funding rounds");
        await PickAsync(page, "rule-owner", "Team: Northwind Sales");
        await page.Locator("#rule-path").FillAsync("trigger.funding");
        await page.Locator("#rule-min").FillAsync("80");
        await page.GetByTestId("rule-mine").CheckAsync();
        await page.GetByTestId("save-rule").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rule-item")).ToHaveCountAsync(defaults + 2);
        await Assertions.Expect(page.GetByTestId("rule-list")).ToContainTextAsync("Team: Northwind Sales");
        await Assertions.Expect(page.GetByTestId("rule-list")).ToContainTextAsync("about Trigger funding");
        await Assertions.Expect(page.GetByTestId("rule-list")).Not.ToContainTextAsync("trigger.funding");

        // Edit the first rule, then delete it (with confirmation).
        await page.GetByTestId("rule-item").Filter(new() { HasText = "Competitor tech on tier A" }).GetByTestId("edit-rule").ClickAsync();
        await Assertions.Expect(page.Locator("#rule-name")).ToHaveValueAsync("Competitor tech on tier A");
        await page.Locator("#rule-name").FillAsync("Competitor tech, tier A or B");
        await page.GetByTestId("tier-B").CheckAsync();
        await page.GetByTestId("save-rule").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rule-list")).ToContainTextAsync("tier A/B");

        // Preferences: quiet hours need both ends; the error names the missing one and keeps the rest.
        await page.GetByTestId("pref-email").CheckAsync();
        await PickAsync(page, "pref-digest", "Weekly");
        await PickAsync(page, "pref-day", "Friday");
        await PickAsync(page, "pref-hour", "07:00");
        await PickAsync(page, "pref-quiet-from", "22:00");
        await page.GetByTestId("save-preferences").ClickAsync();
        await Assertions.Expect(page.Locator("#pref-quiet-to-error")).ToContainTextAsync("both a start and an end");
        await Assertions.Expect(page.Locator("#pref-day")).ToHaveValueAsync("Friday");
        await PickAsync(page, "pref-quiet-to", "07:00");
        await page.GetByTestId("pref-inapp").UncheckAsync();
        await page.GetByTestId("save-preferences").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-message")).ToHaveTextAsync("Preferences saved.");
        await page.Locator("h1").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "28-alert-settings");
        await page.GetByTestId("theme-toggle").Locator("button").ClickAsync();
        await page.EvaluateAsync("document.fonts.ready");
        await page.WaitForTimeoutAsync(500);
        await page.Locator("h1").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "29-alert-settings-dark");

        await page.GetByTestId("rule-item").Filter(new() { HasText = "Competitor tech, tier A or B" }).GetByTestId("delete-rule").ClickAsync();
        await page.GetByTestId("confirm-delete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rule-item")).ToHaveCountAsync(defaults + 1);

        var (rules, preference) = await App.QueryAsync(async db => (
            await db.AlertRules.IgnoreQueryFilters().ToListAsync(),
            await db.AlertPreferences.IgnoreQueryFilters().SingleAsync()));
        var teamRule = rules.Where(r => r.TeamId != null).Should().ContainSingle().Subject;
        teamRule.TeamId.Should().NotBeNull();
        (teamRule.PathPrefix, teamRule.MinSignificance, teamRule.OnlyMyAccounts).Should().Be(("trigger.funding", 80, true));
        (preference.InApp, preference.EmailImmediately, preference.Digest, preference.DigestDay, preference.DigestHour, preference.QuietFromHour, preference.QuietToHour)
            .Should().Be((false, true, DigestFrequency.Weekly, DayOfWeek.Friday, 7, 22, 7));

        // The rep of the team sees the team rule, read-only.
        var rep = await Browser.NewPageAsync();
        await rep.GotoAsync(BaseUrl + "/alerts/settings");
        await SubmitSignInAsync(rep, "rep@northwind.test");
        await ShellBrowserTests.WaitForLiveCircuitAsync(rep);
        await Assertions.Expect(rep.GetByTestId("rule-item")).ToHaveCountAsync(defaults + 1);
        await Assertions.Expect(rep.GetByTestId("rule-item").Filter(new() { HasText = "managed by your manager" })).ToHaveCountAsync(1);
        await Assertions.Expect(rep.GetByTestId("rule-item").Filter(new() { HasText = "managed by your manager" }).GetByTestId("edit-rule")).ToHaveCountAsync(0);
        await Assertions.Expect(rep.GetByTestId("edit-rule")).ToHaveCountAsync(defaults);
        await Assertions.Expect(rep.Locator("#rule-owner")).ToHaveCountAsync(0);
    }

    /// <summary>Picks an option of a MudSelect (its data-testid) by the option's text.</summary>
    private static async Task PickAsync(IPage page, string testId, string optionText)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = optionText }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
