using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin;

namespace PartnerForge.Tests.Web.Components.Admin;

/// <summary>The admin forms over SQLite as a workspace admin: refused input says why and keeps what was typed; good input is saved.</summary>
public sealed class FormValidationTests : DatabaseComponentTest
{
    protected override string UserEmail => "admin@northwind.test";

    [Fact]
    public async Task A_budget_that_is_not_a_number_is_refused_on_its_row_and_a_good_one_is_saved()
    {
        RenderInteractively();
        Render<MudPopoverProvider>();
        var cut = Render<EnrichmentBudgetsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=budget-calls-input-sec-edgar]"));

        cut.Find("[data-testid=budget-calls-input-sec-edgar]").Input("three");
        cut.Find("[data-testid=budget-row-sec-edgar] form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=budget-error-sec-edgar]").TextContent.Should().Contain("“three” is not a whole number of calls"));
        cut.Find("[data-testid=budget-calls-input-sec-edgar]").GetAttribute("value").Should().Be("three");
        (await QueryAsync(db => db.ApiBudgets.AnyAsync(b => b.Source == "sec-edgar"))).Should().BeFalse();

        cut.Find("[data-testid=budget-calls-input-sec-edgar]").Input("1,000");
        cut.Find("[data-testid=budget-cap-input-sec-edgar]").Input("12.50");
        cut.Find("[data-testid=budget-row-sec-edgar] form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=budget-calls-sec-edgar]").TextContent.Should().Be("0 / 1,000"));
        cut.FindAll("[data-testid=budget-error-sec-edgar]").Should().BeEmpty();
        var budget = await QueryAsync(db => db.ApiBudgets.SingleAsync(b => b.Source == "sec-edgar"));
        (budget.MaxCalls, budget.MaxCostMicros).Should().Be((1000, 12_500_000L));
    }

    [Fact]
    public async Task A_territory_needs_a_name_keeps_what_was_typed_and_is_saved_with_it()
    {
        Render<MudPopoverProvider>();
        var created = new List<string>();
        var dirty = new List<bool>();
        var cut = Render<TerritoryForm>(p => p.Add(c => c.OnCreated, name => created.Add(name)).Add(c => c.DirtyChanged, d => dirty.Add(d)));

        cut.Find("#territory-countries").Input("gb, ie");
        cut.Find("[data-testid=territory-form]").Submit();

        cut.WaitForAssertion(() => cut.Find(".mud-input-error").TextContent.Should().Contain("Name the territory"));
        cut.Find("#territory-countries").GetAttribute("value").Should().Be("gb, ie");
        created.Should().BeEmpty();
        dirty.Should().Equal(true);

        cut.Find("#territory-name").Input("UK & Ireland");
        cut.Find("[data-testid=territory-form]").Submit();

        cut.WaitForAssertion(() => created.Should().Equal("UK & Ireland"));
        dirty.Should().Equal(true, false);
        cut.Find("#territory-name").GetAttribute("value").Should().BeEmpty();
        (await QueryAsync(db => db.Territories.CountAsync(t => t.Name == "UK & Ireland"))).Should().Be(1);
    }

    [Fact]
    public void An_invitation_without_a_name_is_refused_on_the_name_field_and_the_e_mail_stays()
    {
        Render<MudPopoverProvider>();
        InviteForm.InviteOutcome? outcome = null;
        var cut = Render<InviteForm>(p => p.Add(c => c.OnInvited, o => outcome = o));

        cut.Find("#invite-email").Input("bea@northwind.test");
        cut.Find("[data-testid=invite-form]").Submit();

        cut.WaitForAssertion(() => outcome.Should().NotBeNull());
        outcome!.Error.Should().Contain("name");
        cut.Find(".mud-input-error").TextContent.Should().Contain(outcome.Error);
        cut.Find("#invite-email").GetAttribute("value").Should().Be("bea@northwind.test");

        cut.Find("#invite-name").Input("Bea Browser");
        cut.Find("[data-testid=invite-form]").Submit();

        cut.WaitForAssertion(() => outcome!.Secret.Should().NotBeNull());
        outcome!.Secret!.Value.Link.Should().MatchRegex("/invite/[A-Za-z0-9]{40}$");
        cut.Find("#invite-name").GetAttribute("value").Should().BeEmpty();
    }

    [Fact]
    public void An_invitation_to_a_bad_or_taken_e_mail_is_refused_on_the_e_mail_field_not_the_name_field()
    {
        Render<MudPopoverProvider>();
        InviteForm.InviteOutcome? outcome = null;
        var cut = Render<InviteForm>(p => p.Add(c => c.OnInvited, o => outcome = o));

        cut.Find("#invite-name").Input("Bea Browser");
        cut.Find("#invite-email").Input("bea at northwind");
        cut.Find("[data-testid=invite-form]").Submit();

        cut.WaitForAssertion(() => outcome.Should().NotBeNull());
        outcome!.Error.Should().Be("Enter an e-mail address like name@company.com.");
        FieldText(cut, "#invite-email").Should().Contain(outcome.Error, "the service names the e-mail as the field at fault");
        FieldText(cut, "#invite-name").Should().NotContain(outcome.Error, "the example address in the message is no reason to blame the name");

        outcome = null;
        cut.Find("#invite-email").Input("rep@globex.test");
        cut.Find("[data-testid=invite-form]").Submit();

        cut.WaitForAssertion(() => outcome.Should().NotBeNull());
        outcome!.Error.Should().Be("rep@globex.test already has an account.");
        FieldText(cut, "#invite-email").Should().Contain(outcome.Error);
        cut.Find("#invite-name").GetAttribute("value").Should().Be("Bea Browser");
    }

    /// <summary>The text of the MudBlazor input control (input and helper text) around the input <paramref name="inputSelector"/>.</summary>
    private static string FieldText(IRenderedComponent<InviteForm> cut, string inputSelector) =>
        cut.FindAll(".mud-input-control").Last(c => c.QuerySelector(inputSelector) is not null).TextContent;
}
