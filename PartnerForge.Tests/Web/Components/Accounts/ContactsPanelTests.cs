using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The account's contacts over the real contact service (SQLite): empty state, add with field errors kept, remove after confirming.</summary>
public sealed class ContactsPanelTests : DatabaseComponentTest
{
    private Guid _acme;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _acme = await Host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == TenantId && c.Name == "Acme Outdoor Supply").Select(c => c.Id).SingleAsync());
    }

    [Fact]
    public async Task A_contact_is_added_after_its_faulty_fields_are_fixed_and_removed_only_after_confirming()
    {
        RenderInteractively();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ContactsPanel>(p => p.Add(c => c.CompanyId, _acme));
        cut.WaitForAssertion(() => cut.Find("[data-testid=contacts-empty]").TextContent.Should().Contain("Add contact"));

        cut.Find("[data-testid=add-contact]").Click();
        cut.Find("#contact-name").Input("Dana Reyes");
        cut.Find("#contact-email").Input("dana@acme");
        cut.Find("#contact-phone").Input("call me");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=contact-errors]").TextContent.Should().Contain("fix the highlighted fields"));
        cut.Markup.Should().Contain("Enter an e-mail address like name@company.com.").And.Contain("Enter a phone number");
        cut.Find("#contact-name").GetAttribute("value").Should().Be("Dana Reyes", "nothing typed is lost when a save is refused");
        (await QueryAsync(db => db.Contacts.CountAsync())).Should().Be(0);

        cut.Find("#contact-email").Input("Dana@Acme-Outdoor.test");
        cut.Find("#contact-phone").Input("+1 303 555 0100");
        cut.Find("#contact-zone").Input("America/Denver");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=contacts-table]").TextContent.Should().Contain("Dana Reyes").And.Contain("dana@acme-outdoor.test").And.Contain("America/Denver"));
        cut.FindAll("[data-testid=contact-form]").Should().BeEmpty("the form closes once saved");
        cut.Find("[data-testid=contacts-table]").TextContent.Should().Contain("Not recorded", "the lawful basis is shown in words");

        cut.Find("[data-testid=remove-contact]").GetAttribute("aria-label").Should().Be("Remove Dana Reyes");
        cut.Find("[data-testid=remove-contact]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain("Remove Dana Reyes from this account?"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Keep").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        (await QueryAsync(db => db.Contacts.CountAsync())).Should().Be(1, "keep changes nothing");

        cut.Find("[data-testid=remove-contact]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog button").Should().Contain(b => b.TextContent.Trim() == "Remove"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Remove").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=contacts-empty]").Should().ContainSingle());
        (await QueryAsync(db => db.Contacts.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_taken_address_is_shown_under_the_email_field_naming_who_has_it()
    {
        RenderInteractively();
        var cut = Render<ContactsPanel>(p => p.Add(c => c.CompanyId, _acme));
        foreach (var name in new[] { "Sam Lee", "Another Sam" })
        {
            cut.WaitForAssertion(() => cut.Find("[data-testid=add-contact]"));
            cut.Find("[data-testid=add-contact]").Click();
            cut.Find("#contact-name").Input(name);
            cut.Find("#contact-email").Input("sam@acme-outdoor.test");
            cut.Find("form").Submit();
        }

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("sam@acme-outdoor.test is already the e-mail address of Sam Lee."));
        (await QueryAsync(db => db.Contacts.CountAsync())).Should().Be(1);
    }
}
