using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Bench;

/// <summary>
/// Timeline page query over N change events (default 1,000,000) in the real SQLite schema built by the
/// migrations: p95 of <see cref="ChangeTimeline.PageAsync"/> (keyset paging, 50 rows, random depths and filters)
/// next to OFFSET paging at the same depths in the same run.
/// </summary>
public sealed class TimelineSuite : IBenchSuite
{
    public string Name => "timeline";

    public string Description => "timeline page p95 over N change events (keyset) vs OFFSET paging";

    public int DefaultSize => 1_000_000;

    public async Task RunAsync(BenchContext context)
    {
        var directory = Path.Combine(context.WorkDirectory, "timeline-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = directory, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = directory, ["Demo:Seed"] = "true" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPartnerForgeInfrastructure(builder.Configuration, builder.Environment);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await RunOnAsync(host.Services, context);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task RunOnAsync(IServiceProvider services, BenchContext context)
    {
        Guid tenant;
        Guid rep;
        Guid admin;
        List<Guid> companies;
        await using (var scope = services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            tenant = await db.Tenants.Where(t => t.Slug == "northwind").Select(t => t.Id).SingleAsync();
            var users = await db.Users.IgnoreQueryFilters().Where(u => u.TenantId == tenant).ToDictionaryAsync(u => u.Email, u => u.Id);
            rep = users["rep@northwind.test"];
            admin = users["admin@northwind.test"];
            await AddAccountsAsync(db, tenant, 5_000, rep, users["manager@northwind.test"], admin);
            companies = await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == tenant).Select(c => c.Id).ToListAsync();
            var other = await db.Tenants.Where(t => t.Slug == "globex").Select(t => t.Id).SingleAsync();
            var otherCompany = await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == other).Select(c => c.Id).FirstAsync();
            var clock = Stopwatch.StartNew();
            await FillAsync(db, tenant, companies, context.Size * 9 / 10, 1);
            await FillAsync(db, other, [otherCompany], context.Size - context.Size * 9 / 10, 2);
            context.Output.Note($"{context.Size:N0} change events inserted in {clock.Elapsed.TotalSeconds:0.0} s (90% in the measured tenant, 10% in another)");
        }

        await using var query = services.CreateAsyncScope();
        query.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant, null, "bench");
        var timeline = query.ServiceProvider.GetRequiredService<ChangeTimeline>();
        var random = new Random(7);
        var filters = new TimelineFilter[]
        {
            new(), new() { MinSignificance = 75 }, new() { Module = "M02" }, new() { CompanyId = companies[0] },
            new() { Technology = "Algolia" }, new() { Kind = ChangeKind.Removed, MinSignificance = 40 },
            new() { OwnerId = rep }, new() { OwnerId = admin }, new() { Tier = AccountTier.A }, new() { Tier = AccountTier.B, MinSignificance = 75 },
        };

        // Warm-up: compile each filter shape's query once (first page and a cursor page) for both approaches.
        await using var warm = await query.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        foreach (var filter in filters)
        {
            var first = await timeline.PageAsync(filter, null);
            await timeline.PageAsync(filter, first.Next);
            await ChangeTimeline.Filter(warm.ChangeEvents.AsNoTracking(), filter, warm.Companies, await ChangeTimeline.FewAccountsAsync(warm, filter))
                .OrderByDescending(c => c.DetectedAtUtc).ThenByDescending(c => c.Id).Skip(50).Take(51).ToListAsync();
        }

        // How SQLite runs the owner filter (it should walk the time index and probe the owner's accounts).
        var ownerFilter = new TimelineFilter { OwnerId = rep };
        var ownerQuery = ChangeTimeline.Filter(warm.ChangeEvents.AsNoTracking(), ownerFilter, warm.Companies, await ChangeTimeline.FewAccountsAsync(warm, ownerFilter))
            .OrderByDescending(c => c.DetectedAtUtc).ThenByDescending(c => c.Id).Take(51);
        await using (var explain = ownerQuery.CreateDbCommand())
        {
            explain.CommandText = "EXPLAIN QUERY PLAN " + explain.CommandText;
            await explain.Connection!.OpenAsync();
            await using var reader = await explain.ExecuteReaderAsync();
            var plan = new List<string>();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }

            context.Output.Note("owner filter plan: " + string.Join(" | ", plan));
        }

        var byShape = filters.ToDictionary(f => f, _ => new List<double>());
        var keyset = new List<double>();
        var offset = new List<double>();
        await using var db2 = await query.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        for (var i = 0; i < 120; i++)
        {
            var filter = filters[i % filters.Length];
            var depth = random.Next(0, 40); // pages deep
            TimelineCursor? cursor = null;
            for (var p = 0; p < depth; p++)
            {
                cursor = (await timeline.PageAsync(filter, cursor)).Next;
                if (cursor is null)
                {
                    break;
                }
            }

            var watch = Stopwatch.StartNew();
            await timeline.PageAsync(filter, cursor);
            keyset.Add(watch.Elapsed.TotalMilliseconds);
            byShape[filter].Add(watch.Elapsed.TotalMilliseconds);

            watch.Restart();
            await ChangeTimeline.Filter(db2.ChangeEvents.AsNoTracking(), filter, db2.Companies, await ChangeTimeline.FewAccountsAsync(db2, filter))
                .OrderByDescending(c => c.DetectedAtUtc).ThenByDescending(c => c.Id).Skip(depth * 50).Take(51).ToListAsync();
            offset.Add(watch.Elapsed.TotalMilliseconds);
        }

        context.Output.Note($"120 page queries, {filters.Length} filter shapes (incl. owner = a rep with 5% of the accounts, owner = an admin with 0.5%, tier A 5%, tier B 15% with significance ≥ 75), 0–39 pages deep");
        foreach (var (filter, times) in byShape)
        {
            context.Output.Note($"shape {Describe(filter)}: p95 {Percentile(times, 0.95):0.0} ms over {times.Count}");
        }

        context.Output.Figure("timeline_p50_ms", Percentile(keyset, 0.50), "0.0");
        context.Output.Figure("timeline_p95_ms", Percentile(keyset, 0.95), "0.0");
        context.Output.Figure("offset_p95_ms", Percentile(offset, 0.95), "0.0");
    }

    /// <summary>N more accounts in the tenant: 5% owned by the rep, 0.5% by the admin, ~45% by the manager, the rest unowned; tiers A 5%, B 15%, C 30%, D 30%, none 20%.</summary>
    private static async Task AddAccountsAsync(PartnerForgeDbContext db, Guid tenant, int count, Guid rep, Guid manager, Guid admin)
    {
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var company = new Company($"Bench Account {i:00000}", DomainName.Parse($"bench-{i:00000}.test"), now);
            company.StampTenant(tenant);
            company.AssignOwner(i % 200 == 1 ? admin : (i % 20) switch { 0 => rep, < 10 => manager, _ => null }, now);
            company.SetTier((i / 20 % 20) switch { 0 => AccountTier.A, < 4 => AccountTier.B, < 10 => AccountTier.C, < 16 => AccountTier.D, _ => null }, now);
            db.Companies.Add(company);
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static string Describe(TimelineFilter f)
    {
        var parts = new List<string>();
        if (f.CompanyId is not null) parts.Add("account");
        if (f.Module is not null) parts.Add($"module={f.Module}");
        if (f.MinSignificance > 0) parts.Add($"sig>={f.MinSignificance}");
        if (f.Kind is not null) parts.Add($"kind={f.Kind}");
        if (f.Technology is not null) parts.Add($"tech={f.Technology}");
        if (f.OwnerId is not null) parts.Add("owner");
        if (f.Tier is not null) parts.Add($"tier={f.Tier}");
        return parts.Count == 0 ? "(none)" : string.Join(",", parts);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static async Task FillAsync(PartnerForgeDbContext db, Guid tenant, List<Guid> companies, int count, int seed)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO ChangeEvents (Id, TenantId, CompanyId, SnapshotId, PreviousSnapshotId, Module, Path, Kind, OldValue, NewValue, Significance, Rule, Technology, DetectedAtUtc)
            VALUES ($id, $tenant, $company, $snapshot, NULL, $module, $path, $kind, $old, $new, $sig, 'bench', $tech, $at)
            """;
        var names = new[] { "$id", "$tenant", "$company", "$snapshot", "$module", "$path", "$kind", "$old", "$new", "$sig", "$tech", "$at" };
        var parameters = names.ToDictionary(n => n, n =>
        {
            var p = command.CreateParameter();
            p.ParameterName = n;
            command.Parameters.Add(p);
            return p;
        });
        var random = new Random(seed);
        var techs = new[] { "Algolia", "React", "Shopify", "Bloomreach", "HubSpot", "Stripe", "Segment" };
        var modules = new[] { "M01", "M02", "M06", "M07", "M09" };
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var module = modules[random.Next(modules.Length)];
            var tech = module == "M02" ? techs[random.Next(techs.Length)] : null;
            parameters["$id"].Value = Guid.NewGuid().ToString().ToUpperInvariant();
            parameters["$tenant"].Value = tenant.ToString().ToUpperInvariant();
            parameters["$company"].Value = companies[random.Next(companies.Count)].ToString().ToUpperInvariant();
            parameters["$snapshot"].Value = Guid.NewGuid().ToString().ToUpperInvariant();
            parameters["$module"].Value = module;
            parameters["$path"].Value = tech is null ? $"{module.ToLowerInvariant()}.fact[{random.Next(50)}]" : $"tech[{tech}]";
            parameters["$kind"].Value = random.Next(3);
            parameters["$old"].Value = "old value";
            parameters["$new"].Value = "new value";
            parameters["$sig"].Value = random.Next(101);
            parameters["$tech"].Value = (object?)tech ?? DBNull.Value;
            parameters["$at"].Value = start.AddSeconds(i * 30 + random.Next(30)).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }
}
