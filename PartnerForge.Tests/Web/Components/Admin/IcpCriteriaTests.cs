using Bunit;
using MudBlazor;
using PartnerForge.Domain.Scoring;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin;

namespace PartnerForge.Tests.Web.Components.Admin;

/// <summary>The ICP criteria editor: each weight shows its share of the fit score, and edits reach the page.</summary>
public sealed class IcpCriteriaTests : ComponentTest
{
    [Fact]
    public void Each_weight_shows_its_share_of_the_fit_score_and_a_changed_weight_moves_every_share()
    {
        Render<MudPopoverProvider>();
        List<IcpRow> rows =
        [
            new() { Field = IcpField.Industry, Values = "Retail", Weight = 30 },
            new() { Field = IcpField.Country, Values = "US", Weight = 10 },
        ];
        var changes = 0;
        var cut = Render<IcpCriteria>(p => p.Add(c => c.Rows, rows).Add(c => c.OnChanged, () => changes++));

        cut.WaitForAssertion(() => Shares(cut).Should().Equal("75% of fit", "25% of fit"));

        cut.Find("[data-testid=icp-weight-1]").Input("30");

        cut.WaitForAssertion(() => Shares(cut).Should().Equal("50% of fit", "50% of fit"));
        rows[1].Weight.Should().Be(30);
        changes.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Rows_are_added_and_removed_and_an_error_shows_on_its_own_row()
    {
        Render<MudPopoverProvider>();
        List<IcpRow> rows = [new() { Values = "Retail", Weight = 10 }];
        var errors = new Dictionary<string, string> { ["Criteria[1]"] = "Give at least one value." };
        var cut = Render<IcpCriteria>(p => p.Add(c => c.Rows, rows).Add(c => c.Errors, errors));

        cut.Find("[data-testid=icp-add]").Click();
        cut.Render();

        rows.Should().HaveCount(2);
        cut.FindAll(".mud-input-error").Select(e => e.TextContent.Trim()).Should().Contain("Give at least one value.");
        cut.Find("[aria-label='Remove criterion 1']").Click();
        rows.Should().ContainSingle().Which.Values.Should().BeEmpty("the first row was removed");
    }

    private static List<string> Shares(IRenderedComponent<IcpCriteria> cut) =>
        cut.FindAll(".mud-input-helper-text").Select(h => h.TextContent.Trim()).Where(t => t.EndsWith("of fit", StringComparison.Ordinal)).ToList();
}
