using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Infrastructure.Playbook;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Playbook;

namespace PartnerForge.Tests.Web.Components.Playbook;

/// <summary>The evidence editor and library over SQLite, as a tenant admin.</summary>
public sealed class EvidenceEditTests : DatabaseComponentTest
{
    protected override string UserEmail => "admin@northwind.test";

    [Fact]
    public async Task A_missing_result_is_shown_at_its_field_nothing_typed_is_lost_and_a_valid_item_is_saved()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/admin/playbook/evidence/new");
        var cut = Render<EvidenceEdit>();
        cut.Instance.Dirty.Should().BeFalse();

        cut.Find("#ev-title").Input("Ski chain cuts search exits by 22%");
        cut.Find("#ev-tech").Input("Shopify, Algolia");
        cut.Find("[data-testid=evidence-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=evidence-errors]").TextContent.Should().Contain("nothing you typed is lost"));
        cut.Find("#ev-body-error").TextContent.Should().Contain("Describe the result");
        cut.Find("#ev-title").GetAttribute("value").Should().Be("Ski chain cuts search exits by 22%");
        cut.Find("#ev-tech").GetAttribute("value").Should().Be("Shopify, Algolia");
        cut.Instance.Dirty.Should().BeTrue();
        new Uri(navigation.Uri).AbsolutePath.Should().Be("/admin/playbook/evidence/new");

        cut.Find("#ev-body").Input("Alpine Peaks moved 25,000 products off Algolia in four weeks.");
        cut.Find("[data-testid=evidence-form]").Submit();

        cut.WaitForAssertion(() => new Uri(navigation.Uri).AbsolutePath.Should().Be("/admin/playbook/evidence"));
        var stored = await QueryAsync(db => db.EvidenceItems.SingleAsync(e => e.Title == "Ski chain cuts search exits by 22%"));
        stored.Body.Should().StartWith("Alpine Peaks moved");
    }

    [Fact]
    public async Task Saving_an_item_deleted_meanwhile_shows_not_found_instead_of_failing_the_page()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var id = await QueryAsync(db => db.EvidenceItems.OrderBy(e => e.Title).Select(e => e.Id).FirstAsync());
        var cut = Render<EvidenceEdit>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("#ev-title").GetAttribute("value").Should().NotBeNullOrEmpty());

        (await Scoped.GetRequiredService<EvidenceLibrary>().DeleteAsync(id)).Succeeded.Should().BeTrue();
        cut.Find("[data-testid=evidence-form]").Submit();

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("This evidence item does not exist, or it is not part of your workspace."));
    }

    [Fact]
    public void The_library_takes_its_search_from_the_address_and_writes_a_new_one_back()
    {
        Render<MudPopoverProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/admin/playbook/evidence?q=Outdoor");

        var cut = Render<EvidenceLibraryPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=evidence-list]").TextContent.Should().Contain("Outdoor retailer lifts search conversion"));
        cut.Find("#evidence-search").GetAttribute("value").Should().Be("Outdoor");
        var outdoor = cut.FindAll("[data-testid=evidence-list] > li").Count;

        cut.InvokeAsync(() => cut.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("no such evidence anywhere"));

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("Nothing matches"));
        new Uri(navigation.Uri).Query.Should().Be("?q=no%20such%20evidence%20anywhere");
        outdoor.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_title_is_tried_against_the_rules_as_it_is_typed()
    {
        Render<MudPopoverProvider>();
        var cut = Render<TitleRulesPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=title-rules]").TextContent.Should().Contain("Economic buyer"));

        cut.Find("#rule-try").Input("VP of E-commerce");

        // MudBlazor hands input to the component asynchronously: wait for it rather than race it.
        cut.WaitForAssertion(() => cut.Find("[data-testid=title-trial]").TextContent.Should().Contain("Champion"));
        cut.Instance.Dirty.Should().BeFalse("trying a title is not an edit");
        cut.Find("#rule-keywords").Input("Head of Search");
        cut.WaitForAssertion(() => cut.Instance.Dirty.Should().BeTrue());
    }

    [Fact]
    public async Task Saving_a_rule_deleted_meanwhile_says_so_and_starts_a_new_rule()
    {
        Render<MudPopoverProvider>();
        var snackbar = Render<MudSnackbarProvider>();
        var cut = Render<TitleRulesPage>();
        cut.WaitForAssertion(() => cut.FindAll("button[aria-label^='Edit rule']").Should().NotBeEmpty());
        var first = (await Scoped.GetRequiredService<TitleRuleService>().ListAsync())[0];
        cut.Find($"button[aria-label^='Edit rule {first.Position}:']").Click();
        cut.WaitForAssertion(() => cut.Markup.Should().Contain("Edit rule"));

        (await Scoped.GetRequiredService<TitleRuleService>().DeleteAsync(first.Id)).Succeeded.Should().BeTrue();
        cut.Find("[data-testid=title-rule-form]").Submit();

        snackbar.WaitForAssertion(() => snackbar.Markup.Should().Contain("That title rule does not exist in this workspace."));
        cut.Markup.Should().Contain("Add a rule");
        (await Scoped.GetRequiredService<TitleRuleService>().ListAsync()).Should().NotContain(r => r.Id == first.Id, "the save did not bring it back");
    }

    [Fact]
    public void A_competitor_product_is_removed_by_its_named_button()
    {
        Render<MudPopoverProvider>();
        var cut = Render<CompetitiveListPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=competitor-chip]").Select(c => c.TextContent.Trim()).Should().Contain("Algolia"));

        cut.Find("button[aria-label='Remove Algolia']").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=competitor-chip]").Select(c => c.TextContent.Trim()).Should().NotContain("Algolia"));
    }
}
