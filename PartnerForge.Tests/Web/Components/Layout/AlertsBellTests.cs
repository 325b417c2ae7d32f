using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Tests.Domain.Changes;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Layout;
using MudBlazor;

namespace PartnerForge.Tests.Web.Components.Layout;

/// <summary>The header bell over the real alert pipeline: snapshots recorded, alerts raised for users by their rules.</summary>
public sealed class AlertsBellTests : DatabaseComponentTest
{
    private Guid _acme;
    private Guid _manager;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (_acme, _manager) = await Host.AsSystemAsync(async db => (
            (await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Name == "Acme Outdoor Supply")).Id,
            (await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "manager@northwind.test")).Id));
        var everything = new AlertRuleInput("Everything", null, null, null, 0, null, [], false, null);
        foreach (var user in new[] { UserId, _manager })
        {
            await using var scope = Host.Scope(TenantId, user);
            (await scope.ServiceProvider.GetRequiredService<AlertSettings>().SaveRuleAsync(null, everything, null)).Succeeded.Should().BeTrue();
        }
    }

    [Fact]
    public async Task The_count_goes_up_live_for_the_users_own_alerts_with_a_toast_and_down_when_they_are_read()
    {
        RenderInteractively();
        var cut = Render<AlertsBell>();
        cut.Find("[data-testid=alerts-bell]").GetAttribute("aria-label").Should().Be("Alerts, 0 unread");
        cut.FindAll("[data-testid=alerts-badge]").Should().BeEmpty();

        // Two changes (one fact removed, one added): two alerts for the rep and two for the manager.
        await RecordAsync(ChangeDetectionTests.Snapshot(("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse")));
        await RecordAsync(ChangeDetectionTests.Snapshot(("trigger.funding[2026-11-20]", "Raises $30M Series B")));

        cut.WaitForAssertion(() => cut.Find("[data-testid=alerts-badge]").TextContent.Should().Be("2"), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=alerts-bell]").GetAttribute("aria-label").Should().Be("Alerts, 2 unread");
        var snackbar = Services.GetRequiredService<ISnackbar>();
        cut.WaitForAssertion(() => snackbar.ShownSnackbars.Should().HaveCount(2).And.OnlyContain(t => t.Message!.StartsWith("New alert: ", StringComparison.Ordinal)));
        snackbar.ShownSnackbars.Select(t => t.Message).Should().Contain(m => m!.Contains("Raises $30M Series B"));

        await Scoped.GetRequiredService<AlertCentre>().MarkAllReadAsync();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=alerts-badge]").Should().BeEmpty(), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=alerts-bell]").GetAttribute("aria-label").Should().Be("Alerts, 0 unread");
    }

    [Fact]
    public async Task Prerendering_shows_the_stored_count_without_subscribing()
    {
        await RecordAsync(ChangeDetectionTests.Snapshot(("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse")));
        await RecordAsync(ChangeDetectionTests.Snapshot(("trigger.funding[2026-11-20]", "Raises $30M Series B")));
        RenderPrerendered();

        var cut = Render<AlertsBell>();

        cut.Find("[data-testid=alerts-badge]").TextContent.Should().Be("2");
        await RecordAsync(ChangeDetectionTests.Snapshot(("trigger.funding[2026-11-20]", "Raises $40M Series C")));
        await Task.Delay(300);
        cut.Find("[data-testid=alerts-badge]").TextContent.Should().Be("2", "a prerendered bell is not live");
    }

    private async Task RecordAsync(string json)
    {
        await using var scope = Host.Scope(TenantId);
        await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(_acme, "M07", Guid.NewGuid(), json, 1);
    }
}
