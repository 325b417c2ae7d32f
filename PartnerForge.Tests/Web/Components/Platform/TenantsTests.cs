using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin.Platform;

namespace PartnerForge.Tests.Web.Components.Platform;

/// <summary>The tenants page as the platform admin over SQLite: every tenant by name, and suspend/reactivate change the tenant's status.</summary>
public sealed class TenantsTests : DatabaseComponentTest
{
    protected override string UserEmail => "platform@partnerforge.test";

    [Fact]
    public void Every_seeded_tenant_is_listed_by_name_with_its_plan_and_status_in_words()
    {
        Render<MudPopoverProvider>();
        var cut = Render<Tenants>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=tenants] tbody tr").Should().HaveCountGreaterThanOrEqualTo(2));
        var grid = cut.Find("[data-testid=tenants]").TextContent;
        grid.Should().Contain("Northwind Analytics").And.Contain("Globex Retail Group").And.Contain("Active");
        grid.Should().NotContainAny(TenantId.ToString());
        cut.Find("[data-testid=plans]").TextContent.Should().Contain("Starter").And.Contain("490.00 USD");
    }

    [Fact]
    public async Task Suspend_asks_first_then_suspends_and_reactivate_makes_the_tenant_active_again()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<Tenants>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=suspend-globex]").Should().ContainSingle());

        cut.Find("[data-testid=suspend-globex]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain("Suspend Globex Retail Group?"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        (await GlobexStatusAsync()).Should().Be(TenantStatus.Active, "cancel changes nothing");

        cut.Find("[data-testid=suspend-globex]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog button").Should().Contain(b => b.TextContent.Trim() == "Suspend"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Suspend").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=platform-message]").TextContent.Should().Contain("Globex Retail Group is suspended"));
        (await GlobexStatusAsync()).Should().Be(TenantStatus.Suspended);
        var globexRow = cut.FindAll("[data-testid=tenants] tbody tr").Single(r => r.TextContent.Contains("Globex Retail Group"));
        globexRow.TextContent.Should().Contain("Suspended");
        cut.FindAll("[data-testid=suspend-globex]").Should().BeEmpty();

        globexRow.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Reactivate").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=platform-message]").TextContent.Should().Be("Globex Retail Group is active again."));
        (await GlobexStatusAsync()).Should().Be(TenantStatus.Active);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=suspend-globex]").Should().ContainSingle());
    }

    [Fact]
    public async Task The_platform_admin_cannot_suspend_their_own_workspace_and_is_told_why()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<Tenants>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=suspend-northwind]").Should().ContainSingle());

        cut.Find("[data-testid=suspend-northwind]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog button").Should().Contain(b => b.TextContent.Trim() == "Suspend"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Suspend").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=platform-message]").TextContent.Should().Be("You cannot suspend your own workspace."));
        cut.Find("[data-testid=platform-message]").GetAttribute("role").Should().Be("alert");
        (await QueryAsync(db => db.Tenants.IgnoreQueryFilters().Where(t => t.Id == TenantId).Select(t => t.Status).SingleAsync())).Should().Be(TenantStatus.Active);
    }

    [Fact]
    public async Task A_tenant_created_from_the_page_appears_in_the_grid()
    {
        Render<MudPopoverProvider>();
        var cut = Render<Tenants>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=tenants] tbody tr").Should().NotBeEmpty());

        cut.Find("#tenant-name").Input("Initech Systems");
        cut.Find("#tenant-slug").Input("initech");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=platform-message]").TextContent.Should().Be("Tenant Initech Systems created on Starter."));
        cut.WaitForAssertion(() => cut.Find("[data-testid=tenants]").TextContent.Should().Contain("Initech Systems"));
        (await QueryAsync(db => db.Tenants.IgnoreQueryFilters().CountAsync(t => t.Slug == "initech"))).Should().Be(1);
    }

    private Task<TenantStatus> GlobexStatusAsync() =>
        QueryAsync(db => db.Tenants.IgnoreQueryFilters().Where(t => t.Slug == "globex").Select(t => t.Status).SingleAsync());
}
