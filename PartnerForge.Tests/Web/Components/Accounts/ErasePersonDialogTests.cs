using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>
/// The contacts panel's privacy menu for a workspace admin, over the real services (SQLite): "Export data" fetches the
/// download, "Erase person…" opens a dialog that says what goes and that only a hashed suppression entry stays; Cancel
/// keeps the person, "Erase for good" erases them.
/// </summary>
public sealed class ErasePersonDialogTests : DatabaseComponentTest
{
    private Guid _acme;
    private Guid _contact;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    protected override string UserEmail => "admin@northwind.test";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _acme = await Host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == TenantId && c.Name == "Acme Outdoor Supply").Select(c => c.Id).SingleAsync());
        var created = await Scoped.GetRequiredService<ContactService>().CreateAsync(_acme,
            new ContactInput("Wren Halloway", "COO", "wren.halloway@acme-outdoor.test", null, "Europe/London", null, LawfulBasis.LegitimateInterest, null), null);
        _contact = created.Value;
    }

    [Fact]
    public async Task The_dialog_says_what_is_removed_and_that_only_a_hashed_entry_stays_and_erases_only_when_confirmed()
    {
        RenderInteractively();
        _popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ContactsPanel>(p => p.Add(c => c.CompanyId, _acme));
        cut.WaitForAssertion(() => cut.Find("[data-testid=contacts-table]").TextContent.Should().Contain("Wren Halloway"));

        OpenErase(cut);
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=erase-kept]").TextContent.Should().Contain("Only a hashed entry of their e-mail address stays on the suppression list"));
        var text = dialogs.Find(".mud-dialog").TextContent;
        text.Should().Contain("Erase Wren Halloway").And.Contain("Acme Outdoor Supply").And.Contain("cannot be undone");
        dialogs.Find("[data-testid=erase-removed]").TextContent.Should().Contain("contact details").And.Contain("0 sequence enrolments").And.Contain("timeline")
            .And.Contain("audit log");
        text.Should().Contain("without their name");
        dialogs.Find("[data-testid=erase-cancel]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        (await QueryAsync(db => db.Contacts.CountAsync(c => c.Id == _contact))).Should().Be(1, "cancel erases nothing");

        OpenErase(cut);
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=erase-confirm]").HasAttribute("disabled").Should().BeFalse());
        dialogs.Find("[data-testid=erase-confirm]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=contacts-empty]").Should().ContainSingle());
        (await QueryAsync(db => db.Contacts.CountAsync())).Should().Be(0);
        var hash = SuppressedAddress.Hash(TenantId, "wren.halloway@acme-outdoor.test");
        (await QueryAsync(db => db.SuppressedAddresses.SingleAsync(s => s.AddressHash == hash))).Reason.Should().Be(SuppressionReason.Erased);
    }

    [Fact]
    public void Export_data_downloads_the_persons_json_once()
    {
        RenderInteractively();
        _popovers = Render<MudPopoverProvider>();
        var cut = Render<ContactsPanel>(p => p.Add(c => c.CompanyId, _acme));
        cut.WaitForAssertion(() => cut.Find("[data-testid=contact-privacy-menu] button").Click());

        cut.WaitForAssertion(() => Find("[data-testid=export-contact]"));
        var export = Find("[data-testid=export-contact]");
        export.Click();

        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().History.Should().ContainSingle("one click, one download").Subject;
        navigation.Uri.Should().Be($"/admin/contacts/{_contact}/export.json");
        navigation.Options.ForceLoad.Should().BeTrue("the server answers with an attachment, which the browser saves while the page stays");
    }

    private void OpenErase(IRenderedComponent<ContactsPanel> cut)
    {
        cut.Find("[data-testid=contact-privacy-menu] button").Click();
        cut.WaitForAssertion(() => Find("[data-testid=erase-contact]"));
        Find("[data-testid=erase-contact]").Click();
    }

    private AngleSharp.Dom.IElement Find(string selector) => _popovers.Find(selector);
}

/// <summary>A rep sees the contacts but no privacy menu: export and erasure are for workspace admins.</summary>
public sealed class ContactsPanelPrivacyForRepsTests : DatabaseComponentTest
{
    [Fact]
    public async Task A_rep_gets_no_export_or_erase()
    {
        var acme = await Host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == TenantId && c.Name == "Acme Outdoor Supply").Select(c => c.Id).SingleAsync());
        (await Scoped.GetRequiredService<ContactService>().CreateAsync(acme,
            new ContactInput("Yves Marlow", null, "yves.marlow@acme-outdoor.test", null, null, null, LawfulBasis.NotRecorded, null), null)).Succeeded.Should().BeTrue();
        RenderInteractively();
        Render<MudPopoverProvider>();

        var cut = Render<ContactsPanel>(p => p.Add(c => c.CompanyId, acme));

        cut.WaitForAssertion(() => cut.Find("[data-testid=contacts-table]").TextContent.Should().Contain("Yves Marlow"));
        cut.FindAll("[data-testid=contact-privacy-menu]").Should().BeEmpty();
        cut.FindAll("[data-testid=remove-contact]").Should().ContainSingle("reps still remove contacts as before");
    }
}
