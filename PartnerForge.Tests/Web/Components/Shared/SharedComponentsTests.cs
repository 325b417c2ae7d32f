using System.Security.Claims;
using Bunit;
using MudBlazor;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Shared;

namespace PartnerForge.Tests.Web.Components.Shared;

/// <summary>The shared building blocks: empty state, labelled field, page header, scroll region and local time.</summary>
public sealed class SharedComponentsTests : ComponentTest
{
    [Fact]
    public void An_empty_state_shows_its_title_text_and_action()
    {
        var cut = Render<EmptyState>(p => p
            .Add(e => e.Icon, Icons.Material.Outlined.Inbox)
            .Add(e => e.Title, "No accounts yet")
            .Add(e => e.Text, "Import a list to get started.")
            .AddChildContent("<a href=\"/accounts/import\">Import accounts</a>"));

        cut.Find("[role=status] h2").TextContent.Should().Be("No accounts yet");
        cut.Find(".pf-empty-text").TextContent.Should().Be("Import a list to get started.");
        cut.Find("a[href='/accounts/import']").TextContent.Should().Be("Import accounts");
    }

    [Fact]
    public void An_empty_state_without_text_has_no_empty_paragraph()
    {
        var cut = Render<EmptyState>(p => p.Add(e => e.Icon, Icons.Material.Outlined.Inbox).Add(e => e.Title, "Nothing here"));

        cut.FindAll(".pf-empty-text").Should().BeEmpty();
        cut.Find("h2").TextContent.Should().Be("Nothing here");
    }

    [Fact]
    public void A_field_labels_its_input_and_shows_the_hint_until_there_is_an_error()
    {
        var cut = Render<Field>(p => p
            .Add(f => f.Label, "Company name")
            .Add(f => f.For, "company")
            .Add(f => f.Hint, "As it appears on invoices")
            .AddChildContent("<input id=\"company\" />"));

        cut.Find("label").GetAttribute("for").Should().Be("company");
        cut.Find("label").TextContent.Should().Be("Company name");
        cut.Find(".pf-field-hint").TextContent.Should().Be("As it appears on invoices");
        cut.FindAll("[role=alert]").Should().BeEmpty();
        cut.Find(".pf-field").ClassList.Should().NotContain("pf-field-invalid");

        cut.Render(p => p.Add(f => f.Error, "Name the company."));

        var error = cut.Find("[role=alert]");
        error.TextContent.Should().Be("Name the company.");
        error.Id.Should().Be("company-error");
        cut.FindAll(".pf-field-hint").Should().BeEmpty("the error replaces the hint");
        cut.Find(".pf-field").ClassList.Should().Contain("pf-field-invalid");
    }

    [Fact]
    public void A_page_header_shows_the_title_as_the_heading_with_subtitle_and_actions()
    {
        var cut = Render<PageHeader>(p => p
            .Add(h => h.Title, "Accounts")
            .Add(h => h.Subtitle, "Every company you sell to.")
            .Add(h => h.Actions, "<button>New account</button>"));

        cut.Find("h1").TextContent.Should().Be("Accounts");
        cut.Find("h1").GetAttribute("tabindex").Should().Be("-1", "the router focuses the heading after navigation");
        cut.Find(".pf-page-subtitle").TextContent.Should().Be("Every company you sell to.");
        cut.Find(".pf-page-actions button").TextContent.Should().Be("New account");
    }

    [Fact]
    public void A_page_header_without_a_subtitle_renders_none()
    {
        var cut = Render<PageHeader>(p => p.Add(h => h.Title, "Alerts"));

        cut.FindAll(".pf-page-subtitle").Should().BeEmpty();
    }

    [Fact]
    public void A_scroll_region_is_focusable_and_named_for_screen_readers()
    {
        var cut = Render<ScrollRegion>(p => p
            .Add(s => s.Label, "Invoice lines")
            .AddUnmatched("data-testid", "lines")
            .AddChildContent("<table><tr><td>Seats</td></tr></table>"));

        var region = cut.Find("div.pf-scroll-region");
        region.GetAttribute("tabindex").Should().Be("0");
        region.GetAttribute("role").Should().Be("region");
        region.GetAttribute("aria-label").Should().Be("Invoice lines");
        region.GetAttribute("data-testid").Should().Be("lines", "extra attributes pass through to the box");
        region.QuerySelector("td")!.TextContent.Should().Be("Seats");
    }

    [Fact]
    public void A_scroll_region_keeps_its_own_class_beside_the_spacing_a_page_gives_it()
    {
        var cut = Render<ScrollRegion>(p => p.Add(s => s.Label, "Spend").Add(s => s.Class, "mt-2").AddChildContent("<table></table>"));

        cut.Find("div").ClassList.Should().BeEquivalentTo(["pf-scroll-region", "mt-2"]);
    }

    [Fact]
    public void Local_time_shows_a_utc_instant_in_the_users_time_zone_with_the_zone_named()
    {
        SignInWithTimeZone("America/New_York");

        var cut = Render<LocalTime>(p => p.Add(t => t.Utc, new DateTime(2026, 7, 1, 15, 30, 0, DateTimeKind.Utc)));

        var time = cut.Find("time");
        cut.WaitForAssertion(() => cut.Find("time").TextContent.Should().Be("1 Jul 2026, 11:30 (America/New_York)"));
        time.GetAttribute("datetime").Should().StartWith("2026-07-01T15:30:00");
        time.GetAttribute("title").Should().Be("2026-07-01 15:30:00Z UTC");
    }

    [Fact]
    public void Local_time_follows_daylight_saving_and_can_leave_the_zone_out()
    {
        SignInWithTimeZone("Europe/London");

        var cut = Render<LocalTime>(p => p
            .Add(t => t.Utc, new DateTime(2026, 1, 10, 23, 5, 0, DateTimeKind.Utc))
            .Add(t => t.Format, "yyyy-MM-dd HH:mm")
            .Add(t => t.ShowZone, false));
        cut.WaitForAssertion(() => cut.Find("time").TextContent.Should().Be("2026-01-10 23:05", "London is on UTC in winter"));

        cut.Render(p => p.Add(t => t.Utc, new DateTime(2026, 7, 10, 23, 5, 0, DateTimeKind.Utc)));
        cut.WaitForAssertion(() => cut.Find("time").TextContent.Should().Be("2026-07-11 00:05", "summer time is an hour ahead"));
    }

    [Fact]
    public void Local_time_without_a_signed_in_user_shows_utc()
    {
        var cut = Render<LocalTime>(p => p.Add(t => t.Utc, new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc)));

        cut.WaitForAssertion(() => cut.Find("time").TextContent.Should().Be("2 Mar 2026, 08:00 (UTC)"));
    }

    [Fact]
    public void Local_time_with_an_unknown_zone_falls_back_to_utc()
    {
        SignInWithTimeZone("Mars/Olympus_Mons");

        var cut = Render<LocalTime>(p => p.Add(t => t.Utc, new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc)));

        cut.WaitForAssertion(() => cut.Find("time").TextContent.Should().Be("2 Mar 2026, 08:00 (UTC)"));
    }

    private void SignInWithTimeZone(string zone)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Riley Rep");
        auth.SetClaims(new Claim(PartnerForgeClaims.TimeZone, zone));
    }
}
