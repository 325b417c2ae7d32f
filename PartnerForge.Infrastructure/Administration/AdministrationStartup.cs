using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Billing;
using PartnerForge.Infrastructure.Billing;
using PartnerForge.Infrastructure.Jobs;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Infrastructure.Tenancy;
using Quartz;

namespace PartnerForge.Infrastructure.Administration;

/// <summary>
/// After the database is ready: seeds the plan catalog (always) and, in the demo, each demo tenant's plan,
/// some metered usage, last month's invoice and the demo API key; attaches the job-run recorder to the
/// scheduler and schedules the monthly invoice job.
/// </summary>
internal sealed class AdministrationStartup(IServiceScopeFactory scopes, ISchedulerFactory schedulers, JobExecutionRecorder recorder, IOptions<DemoOptions> demo, TimeProvider time) : IHostedService
{
    /// <summary>The demo workspace's API key for its first tenant (README); seeded only with Demo:Seed.</summary>
    public const string DemoApiKey = "pf_demo_northwind_0123456789abcdefghijkmnopqrs";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var existing = await db.Plans.Select(p => p.Code).ToListAsync(cancellationToken);
            db.Plans.AddRange(PlanCatalog.Create().Where(p => !existing.Contains(p.Code)));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (demo.Value.Seed)
        {
            await SeedDemoAsync(cancellationToken);
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        scheduler.ListenerManager.AddJobListener(recorder, [Matchers.AllJobs()]);
        scheduler.ListenerManager.AddTriggerListener(recorder, [Matchers.AllTriggers()]);
        if (!await scheduler.Exists(MonthlyInvoiceJob.Key, cancellationToken))
        {
            var job = JobBuilder.Create<MonthlyInvoiceJob>().WithIdentity(MonthlyInvoiceJob.Key).StoreDurably().WithDescription("Issue last month's invoices").Build();
            var trigger = TriggerBuilder.Create().WithIdentity("monthly-invoices", "billing").ForJob(job)
                .WithCronSchedule("0 0 2 1 * ?", c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .WithDescription("02:00 UTC on the 1st")
                .Build();
            await scheduler.ScheduleJob(job, new List<ITrigger> { trigger }, new ScheduleJobOptions { Replace = true }, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static readonly string[] DemoSources = ["html-meta", "json-ld", "sec-companyfacts", "greenhouse-api"];

    private async Task SeedDemoAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (thisMonth, _) = InvoiceCalculator.MonthOf(now);
        var lastMonth = thisMonth.AddMonths(-1);
        List<(Guid Id, string Slug)> tenants;
        Dictionary<string, Guid> plans;
        await using (var scope = scopes.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(ct);
            var demoSlugs = DemoWorkspace.Tenants.Select(t => t.Slug).ToList();
            tenants = (await db.Tenants.Where(t => demoSlugs.Contains(t.Slug)).Select(t => new { t.Id, t.Slug }).ToListAsync(ct)).Select(t => (t.Id, t.Slug)).ToList();
            // Seed once: the demo tenants have no subscription yet.
            if (await db.Subscriptions.IgnoreQueryFilters().AnyAsync(ct))
            {
                return;
            }

            plans = await db.Plans.ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        }

        var random = new Random(2026);
        foreach (var (tenantId, slug) in tenants)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, null, "demo");
            await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync(ct))
            {
                db.Subscriptions.Add(new Subscription(tenantId, plans[slug == "northwind" ? PlanCatalog.Growth : PlanCatalog.Starter], lastMonth));
                for (var day = lastMonth; day < now.Date; day = day.AddDays(1))
                {
                    db.UsageRecords.Add(new UsageRecord(tenantId, UsageKind.EnrichmentCredit, random.Next(20, slug == "northwind" ? 150 : 30), DemoSources[day.Day % DemoSources.Length], day.AddHours(9)));
                    db.UsageRecords.Add(new UsageRecord(tenantId, UsageKind.ApiCall, random.Next(200, 1_400), "api", day.AddHours(15)));
                }

                await db.SaveChangesAsync(ct);
            }

            await scope.ServiceProvider.GetRequiredService<InvoiceService>().IssueForMonthAsync(lastMonth, ct);
            if (slug == DemoWorkspace.Tenants[0].Slug)
            {
                await scope.ServiceProvider.GetRequiredService<ApiKeyService>().StoreAsync(tenantId, "Demo key (README)", DemoApiKey, ct);
            }
        }
    }
}
