using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Tests.Infrastructure.Accounts;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts.Import;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The import wizard over the real import service in SQLite: upload, mapping, dedupe, start, progress, revert with a confirmation.</summary>
public sealed class ImportAccountsTests : DatabaseComponentTest
{
    private const string Csv = "Company;Website;Sector;Notes\r\nFjord Gear;fjord-gear.example;Outdoor;n1\r\nBroken;not a domain;Retail;n2\r\n";

    private IRenderedComponent<MudDialogProvider> Providers()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudDialogProvider>();
    }

    [Fact]
    public async Task A_file_is_previewed_mapped_imported_with_its_error_count_and_reverted_after_a_confirmation()
    {
        RenderInteractively();
        var dialogs = Providers();
        var cut = Render<ImportAccounts>();
        cut.WaitForAssertion(() => cut.Find(".pf-empty-title").TextContent.Should().Be("No imports yet"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "prospects.csv"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=import-file-summary]").TextContent.Should().Contain("semicolon separated"));
        cut.Find("[data-testid=import-preview]").TextContent.Should().Contain("Fjord Gear");
        cut.Find("input[data-testid=map-0]").GetAttribute("value").Should().Be("Name");
        cut.Find("input[data-testid=map-1]").GetAttribute("value").Should().Be("Domain");
        cut.Find("input[data-testid=map-3]").GetAttribute("value").Should().Be("Ignore this column");

        // Dedupe on nothing: the wizard says why it cannot start.
        cut.FindAll("[data-testid=import-match] input[type=checkbox]")[0].Change(false);
        cut.WaitForAssertion(() => cut.Find("[data-testid=import-problem]").TextContent.Should().NotBeEmpty());
        cut.Find("[data-testid=import-start]").HasAttribute("disabled").Should().BeTrue();
        cut.FindAll("[data-testid=import-match] input[type=checkbox]")[0].Change(true);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=import-problem]").Should().BeEmpty());

        cut.Find("[data-testid=import-start]").Click();

        var job = await ImportTestKit.WaitAsync(Scoped.GetRequiredService<ImportService>(), (await LatestAsync()).Id);
        job.Created.Should().Be(1);
        await cut.InvokeAsync(() => cut.FindComponent<ImportHistory>().Instance.ReloadAsync());
        var row = () => cut.Find("[data-testid=import-row]");
        cut.WaitForAssertion(() => row().QuerySelector("[data-testid=import-state]")!.TextContent.Trim().Should().Be("Completed"));
        row().QuerySelector("[data-testid=import-percent]")!.TextContent.Should().Be("100%");
        row().QuerySelector("[data-testid=import-progress] [role=progressbar]")!.GetAttribute("aria-valuenow").Should().Be("100");
        row().QuerySelector("[data-testid=import-errors]")!.TextContent.Should().Contain("1");
        row().QuerySelector("[data-testid=import-error-file]")!.GetAttribute("href").Should().Be($"/accounts/imports/{job.Id}/errors.csv");
        (await QueryAsync(db => db.Companies.CountAsync(c => c.Name == "Fjord Gear"))).Should().Be(1);

        // Revert asks first; "Keep it" keeps the accounts.
        cut.Find("[data-testid=import-revert]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain("deletes the 1 accounts this import created"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Keep it").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        (await QueryAsync(db => db.Companies.CountAsync(c => c.Name == "Fjord Gear"))).Should().Be(1);

        cut.Find("[data-testid=import-revert]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Revert import").Click());
        cut.WaitForAssertion(() => row().QuerySelector("[data-testid=import-state]")!.TextContent.Trim().Should().Be("Reverted"), TimeSpan.FromSeconds(10));
        (await QueryAsync(db => db.Companies.CountAsync(c => c.Name == "Fjord Gear"))).Should().Be(0);
    }

    [Fact]
    public void The_mapping_step_changes_a_column_and_the_options_step_keeps_match_fields_in_order()
    {
        Providers();
        var mapping = new List<ImportField?> { ImportField.Name, ImportField.Domain };
        var changed = 0;
        var shape = new CsvFileShape(Encoding.UTF8, ';', ["Company", "Website"], [["Fjord Gear", "fjord-gear.example"]]);
        var cut = Render<ImportMappingStep>(p => p.Add(s => s.Shape, shape).Add(s => s.Mapping, mapping).Add(s => s.MappingChanged, () => changed++));

        cut.Find("input[data-testid=map-1]").GetAttribute("value").Should().Be("Domain");
        var select = cut.FindComponents<MudSelect<string>>()[1];
        select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(string.Empty));

        cut.WaitForAssertion(() => mapping[1].Should().BeNull());
        changed.Should().Be(1);

        IReadOnlyList<MatchField> fields = [MatchField.Domain];
        var options = Render<ImportOptionsStep>(p => p.Add(s => s.MatchFields, fields).Add(s => s.MatchFieldsChanged, f => fields = f).Add(s => s.Problem, "Map a column to Name."));
        options.Find("[data-testid=import-problem]").TextContent.Should().Be("Map a column to Name.");
        options.Find("[data-testid=import-start]").HasAttribute("disabled").Should().BeTrue();
        options.FindAll("input[type=checkbox]")[2].Change(true);
        fields.Should().Equal(MatchField.Domain, MatchField.Country);
    }

    private async Task<ImportJob> LatestAsync()
    {
        await Eventually.TrueAsync(() => QueryAsync(db => db.ImportJobs.AnyAsync()), what: "The import job");
        return await QueryAsync(db => db.ImportJobs.OrderByDescending(j => j.CreatedAtUtc).FirstAsync());
    }
}
