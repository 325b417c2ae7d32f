using Bunit;
using MudBlazor;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin.Platform;

namespace PartnerForge.Tests.Web.Components.Platform;

/// <summary>The system page as the platform admin over SQLite: health tiles, figures and sections in words.</summary>
public sealed class SystemStatusTests : DatabaseComponentTest
{
    protected override string UserEmail => "platform@partnerforge.test";

    [Fact]
    public void Health_is_shown_in_words_with_the_database_provider_and_the_metrics_panel()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var cut = Render<SystemStatus>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=system-health]").Should().ContainSingle(), TimeSpan.FromSeconds(10));
        var health = cut.Find("[data-testid=system-health]").TextContent;
        health.Should().MatchRegex(@"OK\s+Database · Sqlite");
        health.Should().MatchRegex(@"(Running|Stopped)\s+Scheduler · \S+");
        health.Should().MatchRegex(@"\d+ due · \d+ running\s+Queue");
        health.Should().MatchRegex(@"\d+ %\s+Job failures \(24 h\) · \d+ of \d+ runs", "the failure rate is a percentage with its counts in words");
        cut.Find("[data-testid=system-metrics]").TextContent.Should().Contain("Since this node started");
        cut.Markup.Should().Contain("Recent runs").And.Contain("Schedules").And.Contain("Enrichment sources this month");
    }
}
