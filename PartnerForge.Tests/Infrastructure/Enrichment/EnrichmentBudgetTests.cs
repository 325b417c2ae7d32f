using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Billing;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Enrichment;

/// <summary>
/// Metering of enrichment runs, budget notices at 80 % and 100 % (in the app and by e-mail through a real SMTP
/// server), source costs in money across tenants, and the top-sites import, against the loopback sample sites.
/// </summary>
public sealed class EnrichmentBudgetTests(SampleSitesFixture sites) : EnrichmentTestBase(sites), IClassFixture<SampleSitesFixture>
{
    private readonly SmtpServer _smtp = new();

    public override async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    protected override IDictionary<string, string?> HostSettings()
    {
        var settings = base.HostSettings();
        settings["Smtp:Enabled"] = "true";
        settings["Smtp:Host"] = "127.0.0.1";
        settings["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    [Fact]
    public async Task An_enrichment_run_records_one_credit_per_module_that_ran_which_the_usage_page_and_invoice_count()
    {
        var before = await UsageAsync(Northwind);
        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");

        await RunAsync(Northwind, acme);

        var after = await UsageAsync(Northwind);
        after.EnrichmentCreditsUsed.Should().Be(before.EnrichmentCreditsUsed + ModuleCatalog.All.Count, "every module of the catalog ran once");
        after.Days.Single(d => d.DayUtc == DateTime.UtcNow.Date).EnrichmentCredits.Should().BeGreaterThanOrEqualTo(ModuleCatalog.All.Count, "the day-by-day chart counts them");
        var records = await Host.AsSystemAsync(db => db.UsageRecords.IgnoreQueryFilters()
            .Where(u => u.TenantId == Northwind && u.Kind == UsageKind.EnrichmentCredit && u.Source.StartsWith(EnrichmentCredits.SourcePrefix)).ToListAsync());
        records.Select(r => r.Source).Should().BeEquivalentTo(ModuleCatalog.All.Select(m => EnrichmentCredits.SourcePrefix + m.Code));
        records.Should().OnlyContain(r => r.Quantity == 1);

        // The monthly invoice reads the same records: this month's invoice bills the credits over the allowance.
        await using (var scope = Host.Scope(Northwind))
        {
            var month = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            var invoiceId = await scope.ServiceProvider.GetRequiredService<InvoiceService>().IssueForMonthAsync(month);
            var invoice = await scope.ServiceProvider.GetRequiredService<InvoiceService>().GetAsync(invoiceId!.Value);
            var plan = await Host.AsSystemAsync(db => db.Subscriptions.IgnoreQueryFilters().Where(s => s.TenantId == Northwind && s.EndedAtUtc == null)
                .Join(db.Plans, s => s.PlanId, p => p.Id, (_, p) => p).SingleAsync());
            var overage = after.EnrichmentCreditsUsed - plan.MonthlyEnrichmentCredits;
            if (overage > 0)
            {
                invoice!.Lines.Should().Contain(l => l.Quantity == overage, "the credit overage line counts every metered credit");
            }
            else
            {
                invoice!.Lines.Should().NotContain(l => l.Description.Contains("credit", StringComparison.OrdinalIgnoreCase) && l.Amount > 0);
            }
        }

        // A module refused by the budget costs no credit.
        await using (var scope = Host.Scope(Globex))
        {
            await scope.ServiceProvider.GetRequiredService<BudgetGuard>().SetBudgetAsync("sec-edgar", maxCalls: 0, maxCostMicros: null);
        }

        var globexBefore = await UsageAsync(Globex);
        await RunAsync(Globex, await CompanyAsync(Globex, "ironclad-security.test"));
        (await PanelAsync(Globex, await CompanyAsync(Globex, "ironclad-security.test")))["M04"].Outcome.Should().Be(ModuleOutcome.BudgetExceeded);
        (await UsageAsync(Globex)).EnrichmentCreditsUsed.Should().Be(globexBefore.EnrichmentCreditsUsed + ModuleCatalog.All.Count - 1, "every module but M04 ran");
    }

    [Fact]
    public async Task Tenant_admins_are_told_once_at_80_and_once_at_100_percent_of_a_source_budget_in_the_app_and_by_email()
    {
        var events = new ConcurrentBag<BudgetThresholdReached>();
        var northwindEvents = new ConcurrentBag<BudgetThresholdReached>();
        var bus = Host.Services.GetRequiredService<IEventBus>();
        using var a = bus.Subscribe<BudgetThresholdReached>(Globex, e => { events.Add(e); return Task.CompletedTask; });
        using var b = bus.Subscribe<BudgetThresholdReached>(Northwind, e => { northwindEvents.Add(e); return Task.CompletedTask; });
        await using (var scope = Host.Scope(Globex))
        {
            (await scope.ServiceProvider.GetRequiredService<EnrichmentBudgets>().SetAsync("sec-edgar", 5, null)).Should().BeEmpty();
        }

        // Ironclad is listed: three sec-edgar calls per run (ticker map, submissions, company facts) = 60 %.
        var ironclad = await CompanyAsync(Globex, "ironclad-security.test");
        await RunAsync(Globex, ironclad);
        (await NoticesAsync(Globex)).Should().BeEmpty("60 % is below the first threshold");

        // Call 4 of 5 = 80 %.
        await using (var scope = Host.Scope(Globex))
        {
            (await scope.ServiceProvider.GetRequiredService<BudgetGuard>().TryConsumeAsync(Globex, "sec-edgar", "M04", ironclad, "https://www.sec.gov/test", CancellationToken.None)).Should().BeNull();
        }

        var eighty = (await NoticesAsync(Globex)).Should().ContainSingle().Subject;
        eighty.Threshold.Should().Be(80);
        eighty.Title.Should().Be($"The sec-edgar budget for {BudgetRule.Period(DateTime.UtcNow)} is 80 % used");

        // Harbor Freight (listed; the ticker map is cached for the tenant) makes call 5 (submissions, 100 %) and is
        // refused call 6 (company facts). A further refusal sends nothing new.
        var harbor = await CompanyAsync(Globex, "harborfreight-partners.test");
        await RunAsync(Globex, harbor);
        (await PanelAsync(Globex, harbor))["M04"].Outcome.Should().Be(ModuleOutcome.BudgetExceeded);
        await using (var scope = Host.Scope(Globex))
        {
            (await scope.ServiceProvider.GetRequiredService<BudgetGuard>().TryConsumeAsync(Globex, "sec-edgar", "M04", ironclad, "https://www.sec.gov/test", CancellationToken.None)).Should().Contain("used up");
        }

        var notices = await NoticesAsync(Globex);
        notices.Select(n => n.Threshold).Should().BeEquivalentTo([80, 100]);
        notices.Should().OnlyContain(n => n.EmailedAtUtc != null && n.EmailRecipients == 1, "Globex has one tenant admin and SMTP is configured");
        await WaitUntilAsync(() => events.Count >= 2);
        events.Select(e => e.Threshold).Should().BeEquivalentTo([80, 100]);
        northwindEvents.Should().BeEmpty();
        (await NoticesAsync(Northwind)).Should().BeEmpty("notices stay in their tenant");

        var mails = _smtp.Messages().Select(Decoded).ToList();
        mails.Should().HaveCount(2);
        mails.Should().OnlyContain(m => m.Contains("admin@globex.test", StringComparison.Ordinal));
        mails.Should().Contain(m => m.Contains("is 80 % used", StringComparison.Ordinal));
        mails.Should().Contain(m => m.Contains("is used up", StringComparison.Ordinal) && m.Contains("5 of 5 calls", StringComparison.Ordinal));
        mails.Should().NotContain(m => m.Contains("manager@globex.test", StringComparison.Ordinal) || m.Contains("northwind", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_budget_set_at_or_below_this_months_usage_is_reached_at_once_and_bad_budgets_are_refused()
    {
        var ironclad = await CompanyAsync(Northwind, "ironclad-security.test", "Ironclad Security");
        await RunAsync(Northwind, ironclad);
        await using var scope = Host.Scope(Northwind);
        var budgets = scope.ServiceProvider.GetRequiredService<EnrichmentBudgets>();

        (await budgets.SetAsync("sec-edgar", -1, null)).Should().ContainKey("maxCalls");
        (await budgets.SetAsync("sec-edgar", null, 0.0000001m)).Should().ContainKey("maxCost");
        (await budgets.SetAsync("no-such-source", 10, null)).Should().ContainKey("source");
        (await NoticesAsync(Northwind)).Should().BeEmpty();

        (await budgets.SetAsync("sec-edgar", 3, null)).Should().BeEmpty();

        (await NoticesAsync(Northwind)).Select(n => n.Threshold).Should().BeEquivalentTo([80, 100]);
        var row = (await budgets.ThisMonthAsync()).Single(r => r.Source == "sec-edgar");
        row.Calls.Should().Be(3);
        row.MaxCalls.Should().Be(3);
        row.Share.Should().Be(1);
        (await budgets.SetAsync("sec-edgar", 3, null)).Should().BeEmpty();
        (await NoticesAsync(Northwind)).Should().HaveCount(2, "once per threshold per month");
    }

    [Fact]
    public async Task The_platform_admin_sets_a_sources_cost_in_money_and_sees_each_tenants_spend()
    {
        await using (var platform = Host.Scope(null))
        {
            var costs = platform.ServiceProvider.GetRequiredService<SourceCostAdministration>();
            (await costs.SetAsync("sec-edgar", -1m, "USD", true)).Should().ContainKey("cost");
            (await costs.SetAsync("sec-edgar", 0.01m, "dollars", true)).Should().ContainKey("currency");
            (await costs.SetAsync("sec-edgar", 0.0025m, "eur", true)).Should().BeEmpty();
            var row = (await costs.ListAsync()).Single(c => c.Source == "sec-edgar");
            row.CostPerCall.Should().Be(0.0025m);
            row.Currency.Should().Be("EUR");
        }

        await RunAsync(Northwind, await CompanyAsync(Northwind, "ironclad-security.test", "Ironclad Security"));
        await RunAsync(Globex, await CompanyAsync(Globex, "ironclad-security.test"));
        await RunAsync(Globex, await CompanyAsync(Globex, "harborfreight-partners.test"));

        await using var read = Host.Scope(null);
        var spend = await read.ServiceProvider.GetRequiredService<SourceCostAdministration>().SpendAcrossTenantsAsync(DateTime.UtcNow);
        var sec = spend.Where(s => s.Source == "sec-edgar").ToList();
        sec.Should().HaveCount(2);
        sec[0].TenantName.Should().Be("Globex Retail Group", "the biggest spender first");
        sec[0].Calls.Should().Be(5, "ticker map once for the tenant, submissions and company facts per account");
        sec[0].Cost.Should().Be(0.0125m);
        sec[0].Currency.Should().Be("EUR");
        sec[1].Calls.Should().Be(3);
        sec[1].Cost.Should().Be(0.0075m);
        await using var tenant = Host.Scope(Globex);
        var budgetRow = (await tenant.ServiceProvider.GetRequiredService<EnrichmentBudgets>().ThisMonthAsync()).Single(r => r.Source == "sec-edgar");
        budgetRow.CostUsed.Should().Be(0.0125m);
        budgetRow.Currency.Should().Be("EUR");
    }

    [Fact]
    public async Task A_top_sites_upload_reports_rows_read_imported_and_rejected_with_reasons_and_replaces_the_list()
    {
        var csv = string.Join('\n',
            "rank,domain",
            "1,google.com",
            "2,WWW.Example.org",
            "",
            "3,",
            "x,bad-rank.com",
            "4,not a domain",
            "5,a.com,extra",
            "6,example.org",
            "7,acme-outdoor.test") + "\n";
        var progress = new List<TopSitesProgress>();
        TopSitesImportReport report;
        await using (var scope = Host.Scope(null))
        {
            report = await scope.ServiceProvider.GetRequiredService<TopSitesImport>()
                .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "tranco-test", new SyncProgress(progress));
        }

        report.RowsRead.Should().Be(8, "the header and the blank line are not rows");
        report.Imported.Should().Be(3);
        report.Rejected.Should().Be(5);
        report.Duplicates.Should().Be(1);
        report.RejectedByReason.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["the domain is empty"] = 1,
            ["the rank is not a whole number from 1 to 100,000,000"] = 1,
            ["the domain is not a valid domain name"] = 1,
            ["expected 2 fields (rank,domain), found 3"] = 1,
            ["duplicate domain"] = 1,
        });
        report.Samples.Should().Contain(s => s.Line == 9 && s.Reason == "duplicate domain (first on line 3)" && s.Text == "6,example.org");
        report.Samples.Should().Contain(s => s.Line == 6 && s.Text == "x,bad-rank.com");
        progress.Should().Contain(p => p.Phase == "Writing ranks" && p.Rows == 3 && p.RowsTotal == 3);

        var ranks = await Host.AsSystemAsync(db => db.TrafficRanks.OrderBy(r => r.Rank).ToListAsync());
        ranks.Select(r => (r.Rank, r.Domain, r.ListName)).Should().Equal((1, "google.com", "tranco-test"), (2, "example.org", "tranco-test"), (7, "acme-outdoor.test", "tranco-test"));

        // M03 now ranks from the new list.
        var acme = await CompanyAsync(Northwind, "acme-outdoor.test");
        await RunAsync(Northwind, acme);
        var m03 = (await PanelAsync(Northwind, acme))["M03"];
        m03.Facts.Single(f => f.Path == "traffic.rank").Value.Should().Be("7");
        m03.Facts[0].Source.Url.Should().Contain("tranco-test");

        // A file with no valid row replaces nothing.
        await using (var scope = Host.Scope(null))
        {
            var empty = await scope.ServiceProvider.GetRequiredService<TopSitesImport>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("hello\nworld\n")), "junk");
            empty.Imported.Should().Be(0);
            empty.Rejected.Should().Be(2);
        }

        (await Host.AsSystemAsync(db => db.TrafficRanks.CountAsync())).Should().Be(3);
    }

    /// <summary>The raw message with its base64 parts decoded, so the body text can be searched.</summary>
    private static string Decoded(string raw)
    {
        var decoded = new StringBuilder(raw);
        foreach (var part in raw.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n").Skip(1))
        {
            try
            {
                decoded.Append(Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(part.Split('\n').TakeWhile(l => !l.StartsWith("--", StringComparison.Ordinal)).Select(l => l.Trim())))));
            }
            catch (FormatException)
            {
                // not base64
            }
        }

        return decoded.ToString().Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal);
    }

    private sealed class SyncProgress(List<TopSitesProgress> seen) : IProgress<TopSitesProgress>
    {
        public void Report(TopSitesProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }

    private async Task<UsageSummary> UsageAsync(Guid tenantId)
    {
        await using var scope = Host.Scope(tenantId);
        return (await scope.ServiceProvider.GetRequiredService<UsageReport>().CurrentPeriodAsync())!;
    }

    private async Task<IReadOnlyList<BudgetNoticeRow>> NoticesAsync(Guid tenantId)
    {
        await using var scope = Host.Scope(tenantId);
        return await scope.ServiceProvider.GetRequiredService<EnrichmentBudgets>().NoticesAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
