using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Infrastructure.Outreach;
using PartnerForge.Infrastructure.Scoring;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Contacts;
using PartnerForge.Web.Contacts;

namespace PartnerForge.Tests.Web.Components.Contacts;

/// <summary>
/// The contacts grid over the real services (SQLite): filters in the URL, filtered and paged in the database, people
/// in no sequence, bulk enrolment through the dialog, saved views kept apart from the accounts grid's, and the brief's
/// list of people with where their outreach stands.
/// </summary>
public sealed class ContactListTests : DatabaseComponentTest
{
    [Fact]
    public async Task The_grid_filters_in_the_database_and_keeps_the_filter_in_the_url()
    {
        var (acme, other) = await AccountsAsync();
        await AddAsync(acme, "Dana Reyes", "dana@acme-outdoor.test", CommitteeRole.Champion);
        await AddAsync(acme, "Sam Lee", "sam@acme-outdoor.test", CommitteeRole.EconomicBuyer);
        await AddAsync(other, "Ada Stone", "ada@other.test", null);
        RenderInteractively();
        Render<MudPopoverProvider>();

        var cut = Render<ContactList>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=contacts-grid]").TextContent.Should().Contain("Dana Reyes").And.Contain("Sam Lee").And.Contain("Ada Stone"));
        cut.Find("[data-testid=contact-bulk]").TextContent.Should().Contain("3 contacts");

        cut.Find("input[aria-label='Search contacts']").Input("sa");
        cut.Find("input[aria-label='Search contacts']").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Services.GetRequiredService<NavigationManager>().Uri.Should().Contain("q=sa"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=contacts-grid]").TextContent.Should().Contain("Sam Lee").And.NotContain("Dana Reyes"));

        Services.GetRequiredService<NavigationManager>().NavigateTo("/contacts?role=champion");
        var byRole = Render<ContactList>();
        byRole.WaitForAssertion(() => byRole.Find("[data-testid=contacts-grid]").TextContent.Should().Contain("Dana Reyes").And.NotContain("Sam Lee").And.NotContain("Ada Stone"));
        byRole.Find("[data-testid=contacts-grid]").TextContent.Should().Contain("Champion", "the role is in words");
    }

    [Fact]
    public async Task Selected_people_are_enrolled_through_the_dialog_and_then_leave_the_not_in_a_sequence_view()
    {
        var (acme, _) = await AccountsAsync();
        await AddAsync(acme, "Dana Reyes", "dana@acme-outdoor.test", CommitteeRole.Champion);
        await AddAsync(acme, "Sam Lee", "sam@acme-outdoor.test", null);
        await AddAsync(acme, "No Mail", null, null);
        var sequence = await SequenceAsync();
        RenderInteractively();
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        Services.GetRequiredService<NavigationManager>().NavigateTo("/contacts?sequence=none");
        var cut = Render<ContactList>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=contact-bulk]").TextContent.Should().Contain("3 contacts"));
        cut.Find("[data-testid=enrol-matching]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain("3 people will get the sequence's first step"));
        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudSelect<Guid?>>().Instance.SelectOption(sequence));
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=enrol-confirm]").HasAttribute("disabled").Should().BeFalse());
        dialogs.Find("[data-testid=enrol-confirm]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain("Not enrolled: No Mail"));
        (await QueryAsync(db => db.Enrolments.CountAsync())).Should().Be(2);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Close").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=contact-bulk]").TextContent.Should().Contain("1 contact"));
        cut.Find("[data-testid=contacts-grid]").TextContent.Should().Contain("No Mail").And.NotContain("Dana Reyes");

        Services.GetRequiredService<NavigationManager>().NavigateTo($"/contacts?sequence={sequence}");
        var inIt = Render<ContactList>();
        inIt.WaitForAssertion(() => inIt.Find("[data-testid=contacts-grid]").TextContent.Should().Contain("Dana Reyes").And.Contain("Openers"));
    }

    [Fact]
    public async Task Contact_views_are_saved_apart_from_account_views_and_reopen_their_filter()
    {
        var views = Scoped.GetRequiredService<SavedViews>();
        var view = new ContactListState { Filter = new ContactFilter { Role = CommitteeRole.Champion, NotInSequence = true } }.ToView();
        (await views.SaveAsync(SavedViewScope.Contacts, "Champions to start", view, shared: true)).Error.Should().BeNull();

        (await views.ListAsync()).Should().BeEmpty("the accounts grid does not list contact views");
        var listed = await views.ListAsync(SavedViewScope.Contacts, new ContactListState().ToView());
        listed.Should().ContainSingle().Which.Name.Should().Be("Champions to start");
        var reopened = ContactListState.FromView(listed[0].Definition);
        reopened.Filter.Should().Be(view.Filter);
        reopened.ToQuery()["role"].Should().Be("champion");
        reopened.ToQuery()["sequence"].Should().Be("none");
        ContactListState.FromQuery(k => reopened.ToQuery().TryGetValue(k, out var v) ? v as string : null).Should().Be(reopened);
    }

    [Fact]
    public async Task The_brief_lists_the_accounts_people_with_where_their_outreach_stands()
    {
        var (acme, _) = await AccountsAsync();
        var dana = await AddAsync(acme, "Dana Reyes", "dana@acme-outdoor.test", CommitteeRole.Champion);
        await AddAsync(acme, "Sam Lee", null, null);
        var sequence = await SequenceAsync();
        (await Scoped.GetRequiredService<EnrolmentService>().EnrolAsync(sequence, [dana], UserId)).Succeeded.Should().BeTrue();

        var brief = await Scoped.GetRequiredService<ScoringQueries>().BriefAsync(acme);
        brief!.Contacts.Select(PartnerForge.Domain.Scoring.BriefText.ContactLine).Should().Equal(
            "Dana Reyes, VP Operations (Champion) — in Openers",
            "Sam Lee, VP Operations");
        PartnerForge.Domain.Scoring.BriefText.Markdown(brief).Should().Contain("## People you already work with here").And.Contain("- Dana Reyes, VP Operations (Champion) — in Openers");
    }

    private async Task<(Guid Acme, Guid Other)> AccountsAsync()
    {
        var ids = await QueryAsync(db => db.Companies.OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync());
        return (ids.Single(c => c.Name == "Acme Outdoor Supply").Id, ids.First(c => c.Name != "Acme Outdoor Supply").Id);
    }

    private Task<Guid> AddAsync(Guid company, string name, string? email, CommitteeRole? role) => OutreachSeed.ContactAsync(Scoped, company, UserId, name, email, role);

    private Task<Guid> SequenceAsync() => OutreachSeed.SequenceAsync(Scoped, UserId);
}
