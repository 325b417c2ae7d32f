using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin.Platform;

namespace PartnerForge.Tests.Web.Components.Platform;

/// <summary>The new-tenant form as the platform admin over SQLite: it refuses a nameless tenant and creates a valid one through the service.</summary>
public sealed class NewTenantFormTests : DatabaseComponentTest
{
    private readonly List<(string? Text, bool Error)> outcomes = [];

    protected override string UserEmail => "platform@partnerforge.test";

    [Fact]
    public async Task A_tenant_without_a_name_is_refused_with_the_reason_on_the_field()
    {
        var cut = await RenderFormAsync();
        var before = await QueryAsync(db => db.Tenants.IgnoreQueryFilters().CountAsync());

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find(".mud-input-error").TextContent.Should().Contain("Name the organisation."));
        outcomes.Should().BeEmpty("nothing was sent to the service");
        (await QueryAsync(db => db.Tenants.IgnoreQueryFilters().CountAsync())).Should().Be(before);
    }

    [Fact]
    public async Task A_valid_tenant_is_created_on_the_chosen_plan_and_the_outcome_is_reported_in_words()
    {
        var cut = await RenderFormAsync();

        cut.Find("#tenant-name").Input("Initech Systems");
        cut.Find("#tenant-slug").Input("initech");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => outcomes.Should().ContainSingle().Which.Should().Be(("Tenant Initech Systems created on Starter.", false)));
        var tenant = await QueryAsync(db => db.Tenants.IgnoreQueryFilters().SingleAsync(t => t.Slug == "initech"));
        tenant.Name.Should().Be("Initech Systems");
        var planCode = await QueryAsync(db => db.Subscriptions.IgnoreQueryFilters().Where(s => s.TenantId == tenant.Id && s.EndedAtUtc == null)
            .Join(db.Plans, s => s.PlanId, p => p.Id, (_, p) => p.Code).SingleAsync());
        planCode.Should().Be("starter");
        cut.WaitForAssertion(() => cut.Find("#tenant-name").GetAttribute("value").Should().BeNullOrEmpty("the form is cleared for the next tenant"));
    }

    [Fact]
    public async Task A_taken_short_name_is_reported_as_an_error_and_creates_nothing()
    {
        var cut = await RenderFormAsync();
        var before = await QueryAsync(db => db.Tenants.IgnoreQueryFilters().CountAsync());

        cut.Find("#tenant-name").Input("Another Northwind");
        cut.Find("#tenant-slug").Input("northwind");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => outcomes.Should().ContainSingle().Which.Should().Be(("The short name northwind is taken.", true)));
        (await QueryAsync(db => db.Tenants.IgnoreQueryFilters().CountAsync())).Should().Be(before);
    }

    [Fact]
    public async Task With_a_first_admin_the_one_time_invitation_link_is_shown()
    {
        var cut = await RenderFormAsync();

        cut.Find("#tenant-name").Input("Umbrella Labs");
        cut.Find("#tenant-slug").Input("umbrella");
        cut.Find("#tenant-admin-name").Input("Ursula Admin");
        cut.Find("#tenant-admin-email").Input("ursula@umbrella.test");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => outcomes.Should().ContainSingle().Which.Error.Should().BeFalse(outcomes.SingleOrDefault().Text));
        cut.WaitForAssertion(() => cut.Find("input[aria-label='Invitation link']").GetAttribute("value").Should().StartWith("http://localhost/"));
        var tenantId = await QueryAsync(db => db.Tenants.IgnoreQueryFilters().Where(t => t.Slug == "umbrella").Select(t => t.Id).SingleAsync());
        (await QueryAsync(db => db.Invitations.IgnoreQueryFilters().CountAsync(i => i.TenantId == tenantId && i.Email == "ursula@umbrella.test"))).Should().Be(1);
    }

    private async Task<IRenderedComponent<NewTenantForm>> RenderFormAsync()
    {
        var plans = await Scoped.GetRequiredService<PlatformAdministration>().ListPlansAsync();
        Render<MudPopoverProvider>();
        return Render<NewTenantForm>(p => p
            .Add(f => f.Plans, plans)
            .Add(f => f.OnCreated, (ValueTuple<string?, bool> outcome) => outcomes.Add(outcome)));
    }
}
