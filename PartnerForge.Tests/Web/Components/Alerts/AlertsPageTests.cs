using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Tests.Domain.Changes;
using PartnerForge.Tests.Support;
using AlertsPage = PartnerForge.Web.Components.Pages.Alerts.Alerts;

namespace PartnerForge.Tests.Web.Components.Alerts;

/// <summary>The alert centre over the real alert pipeline: filters come from and go to the address.</summary>
public sealed class AlertsPageTests : DatabaseComponentTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var acme = await Host.AsSystemAsync(async db => (await db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Name == "Acme Outdoor Supply")).Id);
        (await Scoped.GetRequiredService<AlertSettings>().SaveRuleAsync(null, new AlertRuleInput("Everything", null, null, null, 0, null, [], false, null), null))
            .Succeeded.Should().BeTrue();
        await using var scope = Host.Scope(TenantId);
        var recorder = scope.ServiceProvider.GetRequiredService<SnapshotRecorder>();
        await recorder.RecordAsync(acme, "M07", Guid.NewGuid(), ChangeDetectionTests.Snapshot(("trigger.expansion[2026-01-10]", "Opens a Leeds warehouse")), 1);
        await recorder.RecordAsync(acme, "M07", Guid.NewGuid(), ChangeDetectionTests.Snapshot(("trigger.funding[2026-11-20]", "Raises $30M Series B")), 1);
    }

    [Fact]
    public async Task Unread_only_goes_into_the_address_and_a_read_alert_leaves_the_list()
    {
        RenderInteractively();
        Render<MudPopoverProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/alerts");
        var all = await Scoped.GetRequiredService<AlertCentre>().ListAsync(false, 200);
        all.Should().HaveCountGreaterThan(1);
        var cut = Render<AlertsPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=alert-item]").Should().HaveCount(all.Count));

        await cut.InvokeAsync(() => cut.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));

        new Uri(navigation.Uri).Query.Should().Be("?unread=true");
        cut.FindAll("[data-testid=toggle-read]")[0].Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=alert-item]").Should().HaveCount(all.Count - 1));
        (await Scoped.GetRequiredService<AlertCentre>().UnreadCountAsync()).Should().Be(all.Count - 1);
    }

    [Fact]
    public async Task Filters_in_the_address_are_applied_on_arrival()
    {
        RenderInteractively();
        Render<MudPopoverProvider>();
        var all = await Scoped.GetRequiredService<AlertCentre>().ListAsync(false, 200);
        await Scoped.GetRequiredService<AlertCentre>().MarkReadAsync(all[0].Id, true);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/alerts?unread=true&level=medium");

        var cut = Render<AlertsPage>();

        var expected = all.Skip(1).Count(a => a.Significance >= 40);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=alert-item]").Should().HaveCount(expected));
        cut.Find("[data-testid=unread-only] input[type=checkbox], input[type=checkbox][data-testid=unread-only]").HasAttribute("checked").Should().BeTrue();
        cut.Find("#alert-level").GetAttribute("value").Should().Be("medium");
        if (expected == 0)
        {
            cut.Markup.Should().Contain(all.Count > 1 ? "No alerts at this significance" : "No unread alerts");
        }
    }

    [Fact]
    public async Task Choosing_a_significance_writes_it_to_the_address_and_hides_lower_alerts()
    {
        RenderInteractively();
        Render<MudPopoverProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/alerts");
        var all = await Scoped.GetRequiredService<AlertCentre>().ListAsync(false, 200);
        var cut = Render<AlertsPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=alert-item]").Should().HaveCount(all.Count));

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("high"));

        new Uri(navigation.Uri).Query.Should().Be("?level=high");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=alert-item]").Should().HaveCount(all.Count(a => a.Significance >= 75)));
    }
}
