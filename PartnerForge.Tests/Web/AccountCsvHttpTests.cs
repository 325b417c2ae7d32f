using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Infrastructure.Accounts;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;

namespace PartnerForge.Tests.Web;

/// <summary>The export and error-file downloads over HTTP: signed in, and only the signed-in tenant's data.</summary>
public sealed class AccountCsvHttpTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    private async Task<ImportJob> ImportAsNorthwindAsync(string csv)
    {
        var tenantId = await app.QueryAsync(db => db.Tenants.Where(t => t.Slug == "northwind").Select(t => t.Id).SingleAsync());
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, "test");
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        var staged = await imports.StageAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "web.csv", 1024 * 1024);
        var id = await imports.StartAsync(new ImportRequest(staged.UploadId, "web.csv", staged.SuggestedMapping, ImportMode.CreateAndUpdate, [MatchField.Domain]));
        return await ImportTestKit.WaitAsync(imports, id);
    }

    [Fact]
    public async Task The_export_streams_the_filtered_view_of_the_signed_in_tenant_as_RFC_4180()
    {
        await ImportAsNorthwindAsync("Name,Domain,Industry\n\"=SUM(1,2)\",sum-formula.test,\"Tools, Hardware\"\n");
        var client = await app.SignedInClientAsync("rep@northwind.test");

        var response = await client.GetAsync("/accounts/export.csv?cols=Name,Domain,Industry&sort=Domain&f=Domain:Contains:o&f=Industry:StartsWith:Tools");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.Should().Contain("accounts-");
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        text.Should().Be("Name,Domain,Industry\r\n\"'=SUM(1,2)\",sum-formula.test,\"Tools, Hardware\"\r\n");

        var all = (await (await client.GetAsync("/accounts/export.csv")).Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        all.Should().StartWith("Name,Domain,Industry,Country,Employees,Revenue,Tags,Owner,Tier\r\n").And.Contain("acme-outdoor.test").And.NotContain("harborfreight-partners.test");

        var globex = await app.SignedInClientAsync("rep@globex.test");
        var theirs = await (await globex.GetAsync("/accounts/export.csv?f=Domain:Contains:.test")).Content.ReadAsStringAsync();
        theirs.Should().Contain("harborfreight-partners.test").And.NotContain("sum-formula.test").And.NotContain("acme-outdoor.test");
    }

    [Fact]
    public async Task The_export_of_a_view_filtered_and_sorted_by_score_has_the_rows_the_grid_shows()
    {
        await ImportAsNorthwindAsync("Name,Domain\nScore High,score-high.test\nScore Mid,score-mid.test\nScore Low,score-low.test\nScore None,score-none.test\n");
        foreach (var (domain, priority) in new[] { ("score-high.test", 90), ("score-mid.test", 50), ("score-low.test", 49) })
        {
            await app.QueryAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Domain == domain)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.PriorityScore, priority).SetProperty(c => c.FitScore, priority / 2)));
        }

        // The grid's "Priority ≥ 50", sorted by priority, highest first, with the score columns shown.
        var link = AccountExportLink.For(new AccountFilter { Search = "score", MinPriority = 50 }, new AccountSort(AccountSortColumn.Priority, Descending: true), ["Priority", "Fit"]);
        link.Should().Contain("f=Priority%3AAtLeast%3A50").And.Contain("sort=Priority");
        var client = await app.SignedInClientAsync("rep@northwind.test");
        var text = (await (await client.GetAsync(link)).Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        text.Should().Be("Name,Priority,Fit\r\nScore High,90,45\r\nScore Mid,50,25\r\n");

        var unscored = (await (await client.GetAsync("/accounts/export.csv?q=score&cols=Name,Priority&f=Priority:IsEmpty")).Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        unscored.Should().Be("Name,Priority\r\nScore None,\r\n");
    }

    [Fact]
    public async Task A_bad_export_query_is_400_and_anonymous_users_are_sent_to_sign_in()
    {
        var client = await app.SignedInClientAsync("rep@northwind.test");
        var bad = await client.GetAsync("/accounts/export.csv?cols=Name,Salary");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("Unknown column 'Salary'");
        var notANumber = await client.GetAsync("/accounts/export.csv?f=Priority:AtLeast:high");
        notANumber.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await notANumber.Content.ReadAsStringAsync()).Should().Contain("needs a whole number from 0 to 100");
        var wrongColumn = await client.GetAsync("/accounts/export.csv?f=Name:AtLeast:3");
        wrongColumn.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrongColumn.Content.ReadAsStringAsync()).Should().Contain("AtLeast does not apply to Name");

        var anonymous = await app.NewClient().GetAsync("/accounts/export.csv");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.ToString().Should().Contain("/account/login");
    }

    [Fact]
    public async Task An_error_file_downloads_for_its_tenant_and_is_404_for_another()
    {
        var job = await ImportAsNorthwindAsync("Name,Domain\nFine Co,fine-co.test\nBroken Co,not a domain\n");
        job.Errors.Should().Be(1);

        var own = await (await app.SignedInClientAsync("manager@northwind.test")).GetAsync($"/accounts/imports/{job.Id}/errors.csv");
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = (await own.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        text.Should().StartWith("Row,Reason,Name,Domain\r\n3,").And.Contain("Broken Co,not a domain");

        var other = await (await app.SignedInClientAsync("admin@globex.test")).GetAsync($"/accounts/imports/{job.Id}/errors.csv");
        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.Content.ReadAsStringAsync()).Should().NotContain("Broken Co");
    }
}
