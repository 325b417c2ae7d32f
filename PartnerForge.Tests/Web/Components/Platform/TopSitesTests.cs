using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin.Platform;

namespace PartnerForge.Tests.Web.Components.Platform;

/// <summary>
/// The top-sites page as the platform admin over SQLite: the current list's figures, an upload checked before it is
/// sent (name, file type, size), and an import through the real importer that replaces the list and reports on it.
/// </summary>
public sealed class TopSitesTests : DatabaseComponentTest
{
    protected override string UserEmail => "platform@partnerforge.test";

    [Fact]
    public void Before_any_import_the_page_says_no_list_is_imported()
    {
        var cut = Render<TopSites>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=top-sites-current]").TextContent.Should().Contain("No list imported yet"));
        cut.FindAll("[data-testid=top-sites-name]").Should().BeEmpty();
        cut.FindAll("[data-testid=top-sites-report]").Should().BeEmpty();
    }

    [Fact]
    public async Task The_current_list_shows_its_name_domain_count_and_rank_range()
    {
        await using (var scope = Host.Scope(null))
        {
            var csv = "rank,domain\n3,google.com\n12,example.org\n1500,acme-outdoor.test\n";
            (await scope.ServiceProvider.GetRequiredService<TopSitesImport>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "tranco-2026-11")).Imported.Should().Be(3);
        }

        var cut = Render<TopSites>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=top-sites-name]").TextContent.Should().Be("tranco-2026-11"));
        cut.Find("[data-testid=top-sites-count]").TextContent.Should().Be("3");
        cut.Find("[data-testid=top-sites-current]").TextContent.Should().Contain("3 – 1,500").And.NotContain("No list imported yet");
    }

    [Fact]
    public async Task Importing_without_a_name_or_file_is_refused_with_both_reasons_and_nothing_is_written()
    {
        Render<MudPopoverProvider>();
        var cut = Render<TopSites>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=top-sites-current]"));

        cut.Find("form.pf-upload-form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=top-sites-file-error]").TextContent.Should().Be("Choose the CSV file to import."));
        cut.Find("#list-name").Closest(".mud-input-control")!.TextContent.Should().Contain("Name the list (up to 100 characters), e.g. tranco-2026-11-22.");
        cut.Find("#top-sites-file").GetAttribute("aria-invalid").Should().Be("true", "an empty aria-invalid means false to assistive technology");
        (await QueryAsync(db => db.TrafficRanks.CountAsync())).Should().Be(0);
    }

    [Fact]
    public void A_file_that_is_not_csv_or_text_or_is_empty_is_refused_by_name()
    {
        Render<MudPopoverProvider>();
        var cut = Render<TopSites>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=top-sites-current]"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("1,google.com", "ranks.xlsx"));
        cut.Find("#list-name").GetAttribute("value").Should().Be("ranks", "the list is named after the file when no name was typed");
        cut.Find("form.pf-upload-form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=top-sites-file-error]").TextContent.Should().Be("ranks.xlsx is not a .csv or .txt file."));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([], "nothing.csv"));
        cut.FindAll("[data-testid=top-sites-file-error]").Should().BeEmpty("choosing another file clears the complaint about the last one");
        cut.Find("#top-sites-file").HasAttribute("aria-invalid").Should().BeFalse();
        cut.Find("#list-name").GetAttribute("value").Should().Be("ranks", "a name already there is kept");
        cut.Find("form.pf-upload-form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=top-sites-file-error]").TextContent.Should().Be("nothing.csv is empty."));
        cut.FindAll("[data-testid=top-sites-report]").Should().BeEmpty();
    }

    [Fact]
    public async Task An_upload_is_imported_the_current_list_is_replaced_and_the_report_shows_rejected_rows()
    {
        await using (var scope = Host.Scope(null))
        {
            await scope.ServiceProvider.GetRequiredService<TopSitesImport>().ImportAsync(new MemoryStream("1,old-list.test\n"u8.ToArray()), "old-list");
        }

        Render<MudPopoverProvider>();
        var cut = Render<TopSites>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=top-sites-name]").TextContent.Should().Be("old-list"));
        var csv = "rank,domain\n1,google.com\n2,WWW.Example.org\nx,bad-rank.com\n4,example.org\n7,acme-outdoor.test\n";

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "top-sites.csv"));
        cut.Find("#list-name").Input("tranco-test");
        cut.Find("form.pf-upload-form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=report-imported]").TextContent.Should().Be("3"), TimeSpan.FromSeconds(15));
        cut.Find("[data-testid=top-sites-report] h2").TextContent.Should().Be("Result: tranco-test");
        cut.Find("[data-testid=report-read]").TextContent.Should().Be("5");
        cut.Find("[data-testid=report-rejected]").TextContent.Should().Be("2");
        cut.Find("[data-testid=report-samples]").TextContent.Should().Contain("x,bad-rank.com").And.Contain("4,example.org");
        cut.Find("[data-testid=top-sites-name]").TextContent.Should().Be("tranco-test");
        cut.Find("[data-testid=top-sites-count]").TextContent.Should().Be("3");
        cut.FindAll("[data-testid=top-sites-progress]").Should().BeEmpty("the import is finished");
        cut.FindAll("[data-testid=top-sites-file-error]").Should().BeEmpty();
        (await QueryAsync(db => db.TrafficRanks.OrderBy(r => r.Rank).Select(r => r.Domain).ToListAsync()))
            .Should().Equal("google.com", "example.org", "acme-outdoor.test");
    }
}
