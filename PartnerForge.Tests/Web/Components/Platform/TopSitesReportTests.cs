using Bunit;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin.Platform;

namespace PartnerForge.Tests.Web.Components.Platform;

/// <summary>The top-sites import report: counts as grouped numbers, rejections by reason (most first) and sample rows.</summary>
public sealed class TopSitesReportTests : ComponentTest
{
    [Fact]
    public void A_partial_import_shows_its_counts_reasons_and_first_rejected_rows()
    {
        var report = new TopSitesImportReport("tranco-2026-12.csv", RowsRead: 12_003, Imported: 12_000, Rejected: 3, Duplicates: 0,
            new Dictionary<string, int> { ["The rank is not a number"] = 1, ["The domain is not valid"] = 2 },
            [new TopSitesRejection(4, "The domain is not valid", "4,not a domain"), new TopSitesRejection(9, "The rank is not a number", "x,example.com")],
            TimeSpan.FromMilliseconds(2_340));

        var cut = Render<TopSitesReport>(p => p.Add(r => r.Report, report));

        cut.Find("h2").TextContent.Should().Be("Result: tranco-2026-12.csv");
        cut.Find("[data-testid=report-read]").TextContent.Should().Be("12,003");
        cut.Find("[data-testid=report-imported]").TextContent.Should().Be("12,000");
        cut.Find("[data-testid=report-rejected]").ClassList.Should().Contain("pf-figure-bad");
        cut.Markup.Should().Contain("2.3 s");
        cut.FindAll("[role=alert]").Should().BeEmpty("the valid rows were imported");
        var reasons = cut.FindAll("[data-testid=report-reasons] tbody tr").Select(r => r.TextContent).ToList();
        reasons.Should().Equal("The domain is not valid2", "The rank is not a number1");
        var samples = cut.FindAll("[data-testid=report-samples] tbody tr").ToList();
        samples.Should().HaveCount(2);
        samples[0].QuerySelector("code")!.TextContent.Should().Be("4,not a domain");
    }

    [Fact]
    public void An_import_with_no_valid_row_says_the_current_list_was_kept()
    {
        var report = new TopSitesImportReport("empty.csv", 2, 0, 2, 0, new Dictionary<string, int> { ["The domain is not valid"] = 2 }, [], TimeSpan.FromSeconds(1));

        var cut = Render<TopSitesReport>(p => p.Add(r => r.Report, report));

        cut.Find("[role=alert]").TextContent.Should().Be("No row was valid, so the current list was kept.");
    }
}
