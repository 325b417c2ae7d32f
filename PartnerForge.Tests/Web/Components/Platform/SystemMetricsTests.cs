using System.Security.Claims;
using Bunit;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Infrastructure.Observability;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin.Platform;

namespace PartnerForge.Tests.Web.Components.Platform;

/// <summary>The metrics panel shows the node's figures as grouped numbers with their breakdown in words.</summary>
public sealed class SystemMetricsTests : ComponentTest
{
    [Fact]
    public void Figures_are_shown_with_means_and_breakdowns_in_words()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Priya Platform");
        auth.SetClaims(new Claim(PartnerForgeClaims.TimeZone, "UTC"));
        var figures = new MetricsFigures(
            new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc), Requests: 12_345, ServerErrors: 3, RequestSecondsTotal: 246.9,
            new Dictionary<string, long> { ["succeeded"] = 40, ["failed_permanently"] = 2 }, ModuleRunsTimed: 42, ModuleSecondsTotal: 63,
            new Dictionary<string, long>(), AlertsRaised: 1_500, new Dictionary<string, long> { ["email"] = 7 },
            new Dictionary<string, long> { ["created"] = 900, ["skipped"] = 100 }, ActiveCircuits: 4);

        var cut = Render<SystemMetrics>(p => p.Add(m => m.Figures, figures));

        cut.Find("[data-testid=metric-requests]").TextContent.Should().Be("12,345");
        var rows = cut.FindAll("[data-testid=system-metrics] tr").Select(r => r.TextContent).ToList();
        rows[0].Should().Contain("mean 20.0 ms").And.Contain("3 server errors");
        cut.Find("[data-testid=metric-module-runs]").TextContent.Should().Be("42");
        rows[1].Should().Contain("succeeded 40 · failed permanently 2").And.Contain("mean 1.50 s");
        rows[2].Should().Contain("none yet");
        cut.Find("[data-testid=metric-alerts-raised]").TextContent.Should().Be("1,500");
        rows[3].Should().Contain("delivered: email 7");
        cut.Find("[data-testid=metric-import-rows]").TextContent.Should().Be("1,000");
        cut.Find("[data-testid=metric-circuits]").TextContent.Should().Be("4");
        cut.WaitForAssertion(() => cut.Find("time").TextContent.Should().Be("4 Dec 2026, 09:00 (UTC)"));
    }

    [Fact]
    public void Without_figures_nothing_is_shown()
    {
        var cut = Render<SystemMetrics>();

        cut.FindAll("[data-testid=system-metrics]").Should().BeEmpty();
    }
}
