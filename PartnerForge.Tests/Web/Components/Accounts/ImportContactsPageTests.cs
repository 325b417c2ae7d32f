using Bunit;
using Microsoft.AspNetCore.Components;
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

/// <summary>The import page choosing contacts (kept in the address), mapping contact columns, and importing them over the real service in SQLite.</summary>
public sealed class ImportContactsPageTests : DatabaseComponentTest
{
    private const string Csv = "First Name,Last Name,E-mail,Job Title,Time zone,Company Domain,Notes\r\n"
        + "Hannah,Okafor,hannah.okafor@acme-outdoor.test,\"VP, Operations\",Mountain Standard Time,acme-outdoor.test,met at expo\r\n"
        + "Victor,Alvarez,victor@umbrella-corp.test,CEO,,umbrella-corp.test,\r\n";

    [Fact]
    public async Task Contacts_are_chosen_in_the_address_their_columns_mapped_and_imported_as_the_signed_in_users()
    {
        RenderInteractively();
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/accounts/import?kind=contacts");
        var cut = Render<ImportAccounts>();
        cut.Find("h1").TextContent.Should().Contain("Import contacts");
        cut.Find("[data-testid=import-kind-contacts]").GetAttribute("aria-pressed").Should().Be("true");

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "people.csv"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=import-file-summary]").TextContent.Should().Contain("comma separated"));
        string[] Mapped() => Enumerable.Range(0, 7).Select(i => cut.Find($"input[data-testid=map-{i}]").GetAttribute("value")!).ToArray();
        Mapped().Should().Equal("First name", "Last name", "E-mail", "Title", "Time zone", "Account domain", "Ignore this column");
        cut.Find("[data-testid=import-match-contacts]").TextContent.Should().Contain("E-mail address");
        cut.FindAll("[data-testid=import-match]").Should().BeEmpty("contacts are always matched on their address");
        cut.FindAll("[data-testid=import-problem]").Should().BeEmpty();

        // Accounts instead: the same file is mapped to account fields, and the address says so.
        cut.Find("[data-testid=import-kind-accounts]").Click();
        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().Contain("Import accounts"));
        new Uri(navigation.Uri).Query.Should().BeEmpty();
        Mapped()[5].Should().Be("Domain");
        cut.Find("[data-testid=import-problem]").TextContent.Should().Contain("Name", "an account needs a name column");

        cut.Find("[data-testid=import-kind-contacts]").Click();
        cut.WaitForAssertion(() => Mapped()[2].Should().Be("E-mail"));
        new Uri(navigation.Uri).Query.Should().Be("?kind=contacts");

        cut.Find("[data-testid=import-start]").Click();

        await Eventually.TrueAsync(() => QueryAsync(db => db.ImportJobs.AnyAsync()), what: "The import job");
        var id = await QueryAsync(db => db.ImportJobs.Select(j => j.Id).SingleAsync());
        var job = await ImportTestKit.WaitAsync(Scoped.GetRequiredService<ImportService>(), id);
        (job.Kind, job.Created, job.Errors).Should().Be((ImportKind.Contacts, 1L, 1L));
        var hannah = await QueryAsync(db => db.Contacts.SingleAsync());
        (hannah.FullName, hannah.Title, hannah.TimeZone, hannah.OwnerId).Should().Be(("Hannah Okafor", "VP, Operations", "America/Denver", UserId));
        await cut.InvokeAsync(() => cut.FindComponent<ImportHistory>().Instance.ReloadAsync());
        cut.WaitForAssertion(() => cut.Find("[data-testid=import-summary]").TextContent.Should().StartWith("Contacts · Create and update · match on Email"));
    }
}
