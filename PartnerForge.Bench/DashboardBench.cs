using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Pipeline;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Bench;

/// <summary>
/// The dashboard and the pipeline board over a large tenant on SQLite: N deals (default 100,000), ten stage
/// changes per deal (1,000,000), 5,000 of the deals open. Each figure is printed beside a baseline that
/// loads every row into memory and computes the same figures there, measured in the same run.
/// </summary>
public sealed class DashboardBench : IBenchSuite
{
    private const int ChangesPerDeal = 10;
    private const int Runs = 30;
    private const int BaselineRuns = 5;

    public string Name => "dashboard";

    public string Description => "dashboard and board query time over N deals with 10 stage changes each";

    public int DefaultSize => 100_000;

    public async Task RunAsync(BenchContext context)
    {
        using var host = await StartHostAsync(context.WorkDirectory);
        try
        {
            await RunOnHostAsync(host, context);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task RunOnHostAsync(IHost host, BenchContext context)
    {
        var output = context.Output;
        var now = DateTime.UtcNow;
        var (tenantId, managerId) = await ArrangeAsync(host, context.WorkDirectory, context.Size, now, output);

        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, managerId, "bench");
        var dashboards = scope.ServiceProvider.GetRequiredService<DashboardService>();
        var pipeline = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
        var dashboardScope = await dashboards.ScopeForAsync(managerId);
        var period = Period.Quarter(now);

        var board = await pipeline.LoadBoardAsync(new BoardFilter());
        var open = board.Columns.Where(c => c.Stage.Kind == StageKind.Open).Sum(c => c.Count);
        output.Figure("board_open_deals", open, "0");
        var data = await dashboards.LoadAsync(dashboardScope, period, now);
        var naive = await NaiveDashboardAsync(contexts, period, now);
        output.Note($"check: SQL pipeline {data.Kpis.PipelineValue:N2}, naive {naive.PipelineValue:N2}; SQL win rate {data.Kpis.WinRate:P2}, naive {naive.WinRate:P2}");
        if (data.Kpis.PipelineValue != naive.PipelineValue || data.Kpis.WeightedPipeline != naive.WeightedPipeline || data.Kpis.NewPipeline != naive.NewPipeline)
        {
            throw new InvalidOperationException("The SQL dashboard and the in-memory baseline disagree; the figures would be meaningless.");
        }

        var trivial = await TimeAsync(Runs, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Stages.CountAsync();
        });
        output.Note($"one trivial query round trip: p50 {Percentile(trivial, 0.5):0.##} ms");
        if (Environment.GetEnvironmentVariable("BENCH_PARTS") == "1")
        {
            var stagesOnly = await TimeAsync(Runs, () => pipeline.StagesAsync());
            output.Note($"stages: p50 {Percentile(stagesOnly, 0.5):0.##} ms");
            var people = await TimeAsync(Runs, () => pipeline.PeopleAsync());
            output.Note($"people: p50 {Percentile(people, 0.5):0.##} ms");
            var one = await TimeAsync(Runs, () => pipeline.QueryAsync(new DealQuery(DealSet.Open) { Take = 100 }));
            output.Note($"100 cards: p50 {Percentile(one, 0.5):0.##} ms");
            var b = await TimeAsync(Runs, () => pipeline.LoadBoardAsync(new BoardFilter()));
            output.Note($"board: {string.Join(", ", b.Select(x => x.ToString("0")))}");
        }

        var dashboardTimes = await TimeAsync(Runs, () => dashboards.LoadAsync(dashboardScope, period, now));
        var dashboardBaseline = await TimeAsync(BaselineRuns, () => NaiveDashboardAsync(contexts, period, now));
        var boardTimes = await TimeAsync(Runs, () => pipeline.LoadBoardAsync(new BoardFilter()));
        var boardBaseline = await TimeAsync(BaselineRuns, () => NaiveBoardAsync(contexts, now));
        var tierBoardTimes = await TimeAsync(Runs, () => pipeline.LoadBoardAsync(new BoardFilter { Tier = AccountTier.A }));

        output.Figure("dashboard_p50_ms", Percentile(dashboardTimes, 0.50));
        output.Figure("dashboard_p95_ms", Percentile(dashboardTimes, 0.95));
        output.Figure("dashboard_baseline_p95_ms", Percentile(dashboardBaseline, 0.95));
        output.Figure("board_p50_ms", Percentile(boardTimes, 0.50));
        output.Figure("board_p95_ms", Percentile(boardTimes, 0.95));
        output.Figure("board_baseline_p95_ms", Percentile(boardBaseline, 0.95));
        output.Figure("board_tier_filter_p95_ms", Percentile(tierBoardTimes, 0.95));
        output.Note($"dashboard: {Runs} runs (whole dashboard for a manager: KPIs, stages, forecast, conversion, per-rep); baseline: {BaselineRuns} runs loading every deal and stage change");
        output.Note($"board: {Runs} runs (7 columns, counts and sums of all, first 50 cards each, tier badges and the viewer's unread-alert markers); baseline: {BaselineRuns} runs loading every card");
    }

    private static async Task<IHost> StartHostAsync(string work)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Bench",
            ApplicationName = "PartnerForge.Bench",
            ContentRootPath = work,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = work,
            ["Demo:Seed"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("BENCH_SQL_LOG") == "1")
        {
            builder.Logging.AddConsole();
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Query", LogLevel.Debug);
        }

        builder.Services.AddPartnerForgeInfrastructure(builder.Configuration, builder.Environment);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<(Guid Tenant, Guid Manager)> ArrangeAsync(IHost host, string work, int size, DateTime now, BenchOutput output)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = host.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var tenant = new Tenant("Bench Corp", "bench", now);
        db.Tenants.Add(tenant);
        var team = new Team("Bench Sales");
        team.StampTenant(tenant.Id);
        db.Teams.Add(team);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
        var users = Enumerable.Range(0, 10).Select(i =>
        {
            var user = new User(tenant.Id, $"user{i}@bench.test", i == 0 ? "Mia Manager" : $"Rep Number{i}", now);
            user.JoinTeam(team.Id);
            db.Users.Add(user);
            db.IdentityUsers.Add(new PartnerForge.Infrastructure.Identity.ApplicationUser(user));
            db.UserRoles.Add(PartnerForge.Infrastructure.Identity.ApplicationRole.Member(user.Id, roles[i == 0 ? Roles.Manager : Roles.Rep]));
            return user.Id;
        }).ToList();
        var companyEntities = Enumerable.Range(0, 200).Select(i =>
        {
            var company = new Company($"Account {i:000}", DomainName.Parse($"account{i:000}.test"), now);
            company.StampTenant(tenant.Id);
            company.SetTier((AccountTier)(1 + (i % 4)), now);
            db.Companies.Add(company);
            return company;
        }).ToList();
        var companies = companyEntities.Select(c => c.Id).ToList();
        await db.SaveChangesAsync();

        // The board marks accounts with the viewer's unread alerts: 2,000 alerts for the manager, every other one read.
        for (var i = 0; i < 2_000; i++)
        {
            var on = companyEntities[i % companyEntities.Count];
            var change = new ChangeEvent(on.Id, Guid.NewGuid(), null, new DetectedChange("M07", $"trigger[{i}]", ChangeKind.Added, null, $"Trigger {i}", 80, "trigger", null), now.AddMinutes(-i));
            change.StampTenant(tenant.Id);
            var alert = new Alert(users[0], Guid.NewGuid(), change, on.Name, now.AddMinutes(-i));
            alert.StampTenant(tenant.Id);
            if (i % 2 == 0)
            {
                alert.MarkRead(now);
            }

            db.ChangeEvents.Add(change);
            db.Alerts.Add(alert);
        }

        await db.SaveChangesAsync();
        await StageDefaults.EnsureAsync(db, tenant.Id, "USD");
        var stages = await db.Stages.IgnoreQueryFilters().Where(s => s.TenantId == tenant.Id).OrderBy(s => s.Position).ToListAsync();

        var path = Path.Combine(work, "partnerforge.db");
        await using var connection = new SqliteConnection(DatabaseProviderSetup.SqliteConnectionString(path, create: false));
        await connection.OpenAsync();
        await BulkInsertAsync(connection, tenant.Id, users, companies, stages, size, now);
        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE;";
            await analyze.ExecuteNonQueryAsync();
        }

        output.Figure("deals", size, "0");
        output.Figure("stage_changes", (double)size * ChangesPerDeal, "0");
        output.Note($"arranged in {clock.Elapsed.TotalSeconds:0.0} s");
        return (tenant.Id, users[0]);
    }

    /// <summary>Raw inserts in EF Core's SQLite formats (Guid upper-case text, DateTime 'yyyy-MM-dd HH:mm:ss.FFFFFFF').</summary>
    private static async Task BulkInsertAsync(SqliteConnection connection, Guid tenant, List<Guid> users, List<Guid> companies, List<Stage> stages, int size, DateTime now)
    {
        var random = new Random(42);
        var open = stages.Where(s => s.Kind == StageKind.Open).ToList();
        var won = stages.Single(s => s.Kind == StageKind.Won);
        var lost = stages.Single(s => s.Kind == StageKind.Lost);
        var openDeals = Math.Min(5_000, size / 20);
        await using var transaction = connection.BeginTransaction();
        await using var deal = connection.CreateCommand();
        deal.Transaction = transaction;
        deal.CommandText = """
            INSERT INTO Deals (Id, TenantId, CompanyId, Title, OwnerId, StageId, StageEnteredAtUtc, FurthestPosition, BoardRank, AmountMinor, Currency, ExpectedCloseDate,
                Probability, ProbabilityOverridden, Qualification, NextStep, CreatedAtUtc, ClosedAtUtc, Won, CloseReason, CycleDays, Version)
            VALUES ($id, $tenant, $company, $title, $owner, $stage, $entered, $furthest, $rank, $amount, 'USD', $close, $probability, 0, '{}', NULL, $created, $closed, $won, NULL, $cycle, $version)
            """;
        var dp = new[] { "$id", "$tenant", "$company", "$title", "$owner", "$stage", "$entered", "$furthest", "$rank", "$amount", "$close", "$probability", "$created", "$closed", "$won", "$cycle", "$version" }
            .ToDictionary(n => n, n => deal.Parameters.Add(new SqliteParameter { ParameterName = n }));
        await using var change = connection.CreateCommand();
        change.Transaction = transaction;
        change.CommandText = "INSERT INTO StageChanges (Id, TenantId, DealId, FromStageId, ToStageId, AtUtc, ByUserId) VALUES ($id, $tenant, $deal, $from, $to, $at, $by)";
        var cp = new[] { "$id", "$tenant", "$deal", "$from", "$to", "$at", "$by" }.ToDictionary(n => n, n => change.Parameters.Add(new SqliteParameter { ParameterName = n }));
        deal.Prepare();
        change.Prepare();

        for (var i = 0; i < size; i++)
        {
            var id = Guid.NewGuid();
            var owner = users[random.Next(users.Count)];
            var created = now.AddMinutes(-random.Next(10, 730 * 24 * 60));
            Stage final;
            DateTime? closed = null;
            if (i < openDeals)
            {
                final = open[random.Next(open.Count)];
            }
            else
            {
                final = random.Next(10) < 4 ? won : lost;
                var c = created.AddDays(random.Next(5, 200));
                closed = c < now ? c : now.AddMinutes(-1);
            }

            var end = closed ?? now;
            var path = new Stage[ChangesPerDeal];
            path[0] = open[0];
            for (var k = 1; k < ChangesPerDeal - 1; k++)
            {
                path[k] = open[Math.Clamp(Array.IndexOf(open.ToArray(), path[k - 1]) + random.Next(-1, 3), 0, open.Count - 1)];
            }

            path[ChangesPerDeal - 1] = final;
            var step = (end - created).Ticks / ChangesPerDeal;
            dp["$id"].Value = G(id);
            dp["$tenant"].Value = G(tenant);
            dp["$company"].Value = G(companies[random.Next(companies.Count)]);
            dp["$title"].Value = $"Deal {i}";
            dp["$owner"].Value = G(owner);
            dp["$stage"].Value = G(final.Id);
            dp["$entered"].Value = D(created.AddTicks(step * (ChangesPerDeal - 1)));
            dp["$furthest"].Value = path.Where(p => p.Kind != StageKind.Lost).Max(p => p.Position);
            dp["$rank"].Value = 1024.0 * i;
            dp["$amount"].Value = (long)random.Next(1_000, 500_000) * 100;
            dp["$close"].Value = D((closed ?? now.AddDays(random.Next(-30, 180))).Date);
            dp["$probability"].Value = final.DefaultProbability;
            dp["$created"].Value = D(created);
            dp["$closed"].Value = closed is { } x ? D(x) : DBNull.Value;
            dp["$won"].Value = closed is null ? DBNull.Value : final.Kind == StageKind.Won ? 1 : 0;
            dp["$cycle"].Value = closed is { } y ? (int)(y - created).TotalDays : DBNull.Value;
            dp["$version"].Value = G(Guid.NewGuid());
            await deal.ExecuteNonQueryAsync();

            for (var k = 0; k < ChangesPerDeal; k++)
            {
                cp["$id"].Value = G(Guid.NewGuid());
                cp["$tenant"].Value = G(tenant);
                cp["$deal"].Value = G(id);
                cp["$from"].Value = k == 0 ? DBNull.Value : G(path[k - 1].Id);
                cp["$to"].Value = G(path[k].Id);
                cp["$at"].Value = D(created.AddTicks(step * k));
                cp["$by"].Value = G(owner);
                await change.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();

        static string G(Guid g) => g.ToString().ToUpperInvariant();
        static string D(DateTime d) => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The baseline: every deal and stage change of the tenant into memory, then the same figures computed there.</summary>
    private static async Task<PipelineKpis> NaiveDashboardAsync(IDbContextFactory<PartnerForgeDbContext> contexts, Period period, DateTime now)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var deals = await db.Deals.AsNoTracking().ToListAsync();
        var changes = await db.StageChanges.AsNoTracking().ToListAsync();
        var stages = await db.Stages.AsNoTracking().ToDictionaryAsync(s => s.Id);
        var open = deals.Where(d => !d.IsClosed).GroupBy(d => d.StageId)
            .Select(g => new StageTotal(g.Key, g.Count(), g.Sum(d => d.AmountMinor), g.Sum(d => d.AmountMinor * d.Probability))).ToList();
        var inPeriod = deals.Where(d => d.ClosedAtUtc >= period.FromUtc && d.ClosedAtUtc < period.ToUtc).ToList();
        var closed = new ClosedTotals(inPeriod.Count(d => d.Won == true), inPeriod.Count(d => d.Won == false),
            inPeriod.Where(d => d.Won == true).Sum(d => d.AmountMinor), inPeriod.Where(d => d.Won == true).Sum(d => (long)(d.CycleDays ?? 0)));
        var created = deals.Where(d => d.CreatedAtUtc >= period.FromUtc && d.CreatedAtUtc < period.ToUtc).ToList();
        var cohort = created.Select(d => d.Id).ToHashSet();
        // The baseline derives conversion from the full stage history, as one would without the kept FurthestPosition.
        _ = changes.Where(c => cohort.Contains(c.DealId) && stages[c.ToStageId].Kind != StageKind.Lost)
            .GroupBy(c => c.DealId).Select(g => g.Max(c => stages[c.ToStageId].Position)).GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        _ = deals.Where(d => !d.IsClosed && d.ExpectedCloseDate >= month && d.ExpectedCloseDate < month.AddMonths(6))
            .GroupBy(d => (d.ExpectedCloseDate.Year, d.ExpectedCloseDate.Month)).ToDictionary(g => g.Key, g => g.Sum(d => d.AmountMinor * d.Probability));
        return PipelineMath.Kpis(open, closed, created.Count, created.Sum(d => d.AmountMinor));
    }

    /// <summary>The baseline board: every open or recently closed card with its account and owner, grouped in memory.</summary>
    private static async Task<int> NaiveBoardAsync(IDbContextFactory<PartnerForgeDbContext> contexts, DateTime now)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var since = now.AddDays(-30);
        var cards = await (from d in db.Deals.AsNoTracking()
                           where d.ClosedAtUtc == null || d.ClosedAtUtc >= since
                           join c in db.Companies on d.CompanyId equals c.Id
                           join u in db.Users on d.OwnerId equals u.Id
                           select new { d.Id, d.Title, d.StageId, d.AmountMinor, d.Currency, d.BoardRank, Company = c.Name, Owner = u.DisplayName })
            .ToListAsync();
        return cards.GroupBy(c => c.StageId).Select(g => g.OrderBy(c => c.BoardRank).Count()).Sum();
    }

    private static async Task<List<double>> TimeAsync<T>(int runs, Func<Task<T>> work)
    {
        await work(); // warm-up
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await work();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
