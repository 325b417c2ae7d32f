using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Alerts;

namespace PartnerForge.Tests.Web.Components.Alerts;

/// <summary>The alert rule editor over the real AlertSettings on SQLite: its own validation first, then the save.</summary>
public sealed class AlertRuleEditorTests : DatabaseComponentTest
{
    [Fact]
    public async Task Mistakes_are_shown_per_field_before_anything_is_saved_and_what_was_typed_stays()
    {
        Render<MudPopoverProvider>();
        var before = await QueryAsync(db => db.AlertRules.CountAsync());
        var saved = new List<string>();
        var cut = Render<AlertRuleEditor>(p => p.Add(e => e.OnSaved, name => saved.Add(name)));
        cut.Instance.Dirty.Should().BeFalse("nothing was typed yet");

        cut.Find("#rule-min").Input("150");
        cut.Find("#rule-tech").Input("Algolia, Bloomreach");
        cut.Find("[data-testid=tier-A]").Change(true);
        cut.Find("[data-testid=rule-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=rule-errors]").TextContent.Should().Contain("nothing you typed is lost"));
        cut.Find("#rule-name-error").TextContent.Should().Contain("Give the rule a name");
        cut.Find("#rule-min-error").TextContent.Should().Contain("0 to 100");
        cut.Find("#rule-tech").GetAttribute("value").Should().Be("Algolia, Bloomreach");
        cut.Find("[data-testid=tier-A]").HasAttribute("checked").Should().BeTrue();
        cut.Instance.Dirty.Should().BeTrue("typed values are not saved");
        saved.Should().BeEmpty();
        (await QueryAsync(db => db.AlertRules.CountAsync())).Should().Be(before);

        // Not a number at all: the same field says so.
        cut.Find("#rule-min").Input("15x");
        cut.Find("[data-testid=rule-form]").Submit();
        cut.WaitForAssertion(() => cut.Find("#rule-min-error").TextContent.Should().Contain("whole number"));
    }

    [Fact]
    public async Task A_valid_rule_is_saved_and_its_path_reads_as_words()
    {
        Render<MudPopoverProvider>();
        var saved = new List<string>();
        var cut = Render<AlertRuleEditor>(p => p.Add(e => e.OnSaved, name => saved.Add(name)));

        cut.Find("#rule-name").Input("  Funding rounds  ");
        cut.Find("#rule-path").Input("investor[");
        cut.Markup.Should().Contain("Reads as: Investor");
        cut.Find("#rule-min").Input("60");
        cut.Find("[data-testid=rule-form]").Submit();

        cut.WaitForAssertion(() => saved.Should().Equal("Funding rounds"));
        cut.Instance.Dirty.Should().BeFalse("the rule was saved");
        var rule = await QueryAsync(db => db.AlertRules.SingleAsync(r => r.Name == "Funding rounds"));
        (rule.PathPrefix, rule.MinSignificance, rule.UserId).Should().Be(("investor[", 60, UserId));

        var row = (await Scoped.GetRequiredService<AlertSettings>().RulesAsync()).Single(r => r.Id == rule.Id);
        row.Summary.Should().Contain("about Investor").And.NotContain("investor[");
    }

    [Fact]
    public async Task Editing_starts_from_the_rule_and_only_a_change_makes_it_dirty()
    {
        Render<MudPopoverProvider>();
        var row = (await Scoped.GetRequiredService<AlertSettings>().RulesAsync()).First(r => r.CanEdit);
        var cut = Render<AlertRuleEditor>(p => p.Add(e => e.Rule, row));

        cut.Find("#rule-name").GetAttribute("value").Should().Be(row.Name);
        cut.Find("#rule-module").GetAttribute("value").Should().Be(row.Values.Module ?? "any");
        cut.Instance.Dirty.Should().BeFalse();

        cut.Find("#rule-name").Input(row.Name + " (edited)");
        cut.Instance.Dirty.Should().BeTrue();
        cut.Find("#rule-name").Input(row.Name);
        cut.Instance.Dirty.Should().BeFalse("back to what is stored");
    }

    [Fact]
    public async Task Saving_a_rule_deleted_meanwhile_says_so_above_the_fields_and_keeps_what_was_typed()
    {
        Render<MudPopoverProvider>();
        var saved = new List<string>();
        var row = (await Scoped.GetRequiredService<AlertSettings>().RulesAsync()).First(r => r.CanEdit);
        var cut = Render<AlertRuleEditor>(p => p.Add(e => e.Rule, row).Add(e => e.OnSaved, name => saved.Add(name)));
        (await Scoped.GetRequiredService<AlertSettings>().DeleteRuleAsync(row.Id)).Succeeded.Should().BeTrue();

        cut.Find("#rule-name").Input(row.Name + " (edited)");
        cut.Find("[data-testid=rule-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=rule-errors]").TextContent.Should().Contain("That rule no longer exists or is not yours to change."));
        cut.Find("#rule-name").GetAttribute("value").Should().Be(row.Name + " (edited)");
        saved.Should().BeEmpty();
    }
}
