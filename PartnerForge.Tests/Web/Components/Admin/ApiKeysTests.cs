using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin;

namespace PartnerForge.Tests.Web.Components.Admin;

/// <summary>The API keys page over SQLite as a workspace admin: a key is revoked only after the confirmation dialog says yes.</summary>
public sealed class ApiKeysTests : DatabaseComponentTest
{
    protected override string UserEmail => "admin@northwind.test";

    [Fact]
    public async Task A_key_is_revoked_only_after_the_confirmation_and_cancel_keeps_it_working()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiKeys>();

        cut.Find("#key-name").Input("CRM sync");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => cut.Find("[data-testid=secret-value]").GetAttribute("value").Should().StartWith("pf_"));
        cut.Find("[data-testid=api-keys]").TextContent.Should().Contain("CRM sync");

        cut.Find("[data-testid='revoke-CRM sync']").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain("Revoke CRM sync?"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        (await QueryAsync(db => db.ApiKeys.Where(k => k.Name == "CRM sync").Select(k => k.RevokedAtUtc).SingleAsync())).Should().BeNull("cancel changes nothing");

        cut.Find("[data-testid='revoke-CRM sync']").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog button").Should().Contain(b => b.TextContent.Trim() == "Revoke key"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Revoke key").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=api-keys]").TextContent.Should().Contain("Revoked"));
        cut.FindAll("[data-testid='revoke-CRM sync']").Should().BeEmpty();
        (await QueryAsync(db => db.ApiKeys.Where(k => k.Name == "CRM sync").Select(k => k.RevokedAtUtc).SingleAsync())).Should().NotBeNull();
    }

    [Fact]
    public void A_key_without_a_name_is_refused_with_the_reason_on_the_field()
    {
        var cut = Render<ApiKeys>();

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find(".mud-input-error").TextContent.Should().NotBeNullOrWhiteSpace());
        cut.FindAll("[data-testid=shown-secret]").Should().BeEmpty();
    }
}
