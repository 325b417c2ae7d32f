using System.Security.Claims;
using Bunit;
using PartnerForge.Domain.Administration;
using PartnerForge.Infrastructure.Jobs;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin.Platform;

namespace PartnerForge.Tests.Web.Components.Platform;

/// <summary>The job runs grid: status in words, durations and tenants by name, and retry only on failed runs.</summary>
public sealed class JobRunsGridTests : ComponentTest
{
    [Fact]
    public void Runs_show_status_duration_and_tenant_in_words_and_only_a_failed_run_can_be_retried()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Priya Platform");
        auth.SetClaims(new Claim(PartnerForgeClaims.TimeZone, "UTC"));
        var failed = new JobRunRow(Guid.NewGuid(), "MonitorSites", "changes", Guid.NewGuid(), "Globex Retail Group",
            new DateTime(2026, 12, 4, 8, 0, 0, DateTimeKind.Utc), 12_500, JobExecutionStatus.Failed, "The site did not answer.");
        var ok = new JobRunRow(Guid.NewGuid(), "IssueInvoices", "billing", null, null,
            new DateTime(2026, 12, 4, 7, 0, 0, DateTimeKind.Utc), 250, JobExecutionStatus.Succeeded, null);
        var running = new JobRunRow(Guid.NewGuid(), "Enrich", "enrichment", null, "Northwind Analytics",
            new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc), null, JobExecutionStatus.Running, null);
        var retried = new List<JobRunRow>();

        var cut = Render<JobRunsGrid>(p => p.Add(g => g.Runs, [failed, ok, running]).Add(g => g.OnRetry, (JobRunRow r) => retried.Add(r)));

        var rows = cut.FindAll("[data-testid=job-runs] tbody tr.mud-table-row").ToList();
        rows.Should().HaveCount(3);
        var failedRow = rows.Single(r => r.TextContent.Contains("changes / MonitorSites"));
        failedRow.TextContent.Should().Contain("Globex Retail Group").And.Contain("12,500 ms").And.Contain("Failed").And.Contain("The site did not answer.");
        var okRow = rows.Single(r => r.TextContent.Contains("billing / IssueInvoices"));
        okRow.TextContent.Should().Contain("—").And.Contain("250 ms").And.Contain("Succeeded");
        okRow.QuerySelectorAll("button").Should().BeEmpty();
        rows.Single(r => r.TextContent.Contains("enrichment / Enrich")).TextContent.Should().Contain("…").And.Contain("Running");
        cut.WaitForAssertion(() => failedRow.TextContent.Should().Contain("4 Dec 2026, 08:00 (UTC)"));

        cut.FindAll("[data-testid=job-runs] tbody tr.mud-table-row").Single(r => r.TextContent.Contains("MonitorSites"))
            .QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Retry").Click();

        cut.WaitForAssertion(() => retried.Should().ContainSingle().Which.Id.Should().Be(failed.Id));
    }
}
