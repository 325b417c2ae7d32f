using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Pipeline;

/// <summary>Whose deals a dashboard shows: one rep's, a team's, or the whole workspace's (<see cref="OwnerIds"/> null).</summary>
public sealed record DashboardScope(Guid UserId, bool IsTeamView, IReadOnlyList<Guid>? OwnerIds, string Label);

public sealed record RepRow(Guid OwnerId, string Name, int OpenDeals, decimal OpenAmount, decimal Weighted, int Won, decimal WonAmount, int Lost)
{
    public double? WinRate => PipelineMath.WinRate(Won, Lost);
}

public sealed record StageFigure(StageInfo Stage, StageTotal Total);

public sealed record DashboardData(
    string Currency,
    Period Period,
    DashboardScope Scope,
    PipelineKpis Kpis,
    ClosedTotals Closed,
    IReadOnlyList<StageFigure> ByStage,
    IReadOnlyList<MonthTotal> Forecast,
    IReadOnlyList<StageConversion> Conversion,
    IReadOnlyList<StageInfo> Stages,
    IReadOnlyList<RepRow> Reps,
    int OpenInOtherCurrencies)
{
    /// <summary>The scope's accounts by tier (A–D, then no tier).</summary>
    public IReadOnlyList<TierCount> Tiers { get; init; } = [];

    /// <summary>Alerts of the scope's people: created in the period, and read (acted on) in the period.</summary>
    public AlertFigures Alerts { get; init; } = new(0, 0);
}

/// <summary>How many of the scope's accounts have a tier (null: no tier yet).</summary>
public sealed record TierCount(AccountTier? Tier, int Accounts)
{
    public string Label => Tier is { } t ? $"Tier {t}" : "No tier";
}

/// <summary>Alerts created in a period, and alerts read in it (whenever they were created).</summary>
public sealed record AlertFigures(int Created, int ActedOn)
{
    /// <summary>Acted on ÷ created; null when none was created. Can exceed 1 when older alerts were read.</summary>
    public double? Rate => Created == 0 ? null : (double)ActedOn / Created;
}

/// <summary>Which alerts a dashboard drill-down lists.</summary>
public enum AlertSet
{
    Created = 0,
    ActedOn = 1,
}

public sealed record AlertRow(Guid Id, Guid CompanyId, string CompanyName, string Title, string UserName, DateTime CreatedAtUtc, DateTime? ReadAtUtc);

public sealed record AccountRowLite(Guid Id, string Name, string Domain, AccountTier? Tier, string? OwnerName);

/// <summary>The size of the workspace, as the dashboard's "Workspace" cards show it.</summary>
public sealed record WorkspaceStats(int Accounts, int ActiveUsers, int Teams, int Territories);

/// <summary>
/// The dashboard figures of the current tenant. Every figure is an aggregate computed by the database
/// (GROUP BY / SUM / COUNT over indexed columns); only sums come back, never the deals, and the arithmetic
/// on them is <see cref="PipelineMath"/>.
/// </summary>
public sealed class DashboardService(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant current)
{
    public const int ForecastMonths = 6;

    /// <summary>Accounts, active people, teams and territories of the current tenant (four COUNTs).</summary>
    public async Task<WorkspaceStats> WorkspaceStatsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new WorkspaceStats(
            await db.Companies.CountAsync(cancellationToken),
            await db.Users.CountAsync(u => u.IsActive, cancellationToken),
            await db.Teams.CountAsync(cancellationToken),
            await db.Territories.CountAsync(cancellationToken));
    }

    /// <summary>A rep sees their own deals; a manager their team's; a tenant or platform admin everyone's.</summary>
    public async Task<DashboardScope> ScopeForAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.DisplayName, u.TeamId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("The user is not in the current workspace.");
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name)
            .ToListAsync(cancellationToken);
        if (roles.Contains(Roles.TenantAdmin) || roles.Contains(Roles.PlatformAdmin))
        {
            return new DashboardScope(userId, true, null, "Whole workspace");
        }

        if (roles.Contains(Roles.Manager))
        {
            if (user.TeamId is null)
            {
                return new DashboardScope(userId, true, null, "Whole workspace");
            }

            var team = await db.Teams.AsNoTracking().Where(t => t.Id == user.TeamId).Select(t => t.Name).SingleAsync(cancellationToken);
            var members = await db.Users.AsNoTracking().Where(u => u.TeamId == user.TeamId).Select(u => u.Id).ToListAsync(cancellationToken);
            return new DashboardScope(userId, true, members, team);
        }

        return new DashboardScope(userId, false, [userId], "My deals");
    }

    /// <summary>
    /// The dashboard for <paramref name="scope"/> over <paramref name="period"/> (compute it in the user's time zone with
    /// the <see cref="Period"/> overloads that take one); the forecast starts in the month the user's calendar shows.
    /// </summary>
    public async Task<DashboardData> LoadAsync(DashboardScope scope, Period period, DateTime nowUtc, TimeZoneInfo? zone = null, CancellationToken cancellationToken = default)
    {
        var tenantId = current.TenantId ?? throw new InvalidOperationException("The dashboard needs a current tenant.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await StageDefaults.EnsureAsync(db, tenantId, cancellationToken: cancellationToken);
        var currency = await db.PipelineSettings.AsNoTracking().Select(s => s.ReportingCurrency).SingleAsync(cancellationToken);
        var stages = await db.Stages.AsNoTracking().OrderBy(s => s.Position)
            .Select(s => new StageInfo(s.Id, s.Name, s.Position, s.DefaultProbability, s.Kind)).ToListAsync(cancellationToken);

        var owned = db.Deals.AsNoTracking();
        if (scope.OwnerIds is { } owners)
        {
            owned = owned.Where(d => owners.Contains(d.OwnerId));
        }

        var deals = owned.Where(d => d.Currency == currency);
        var start = period.FromUtc;
        var end = period.ToUtc;

        var openByStage = await deals.Where(d => d.ClosedAtUtc == null)
            .GroupBy(d => d.StageId)
            .Select(g => new StageTotal(g.Key, g.Count(), g.Sum(d => d.AmountMinor), g.Sum(d => d.AmountMinor * d.Probability)))
            .ToListAsync(cancellationToken);

        var openInOtherCurrencies = await owned.CountAsync(d => d.ClosedAtUtc == null && d.Currency != currency, cancellationToken);

        var closedRows = await deals.Where(d => d.ClosedAtUtc >= start && d.ClosedAtUtc < end)
            .GroupBy(d => d.Won)
            .Select(g => new { Won = g.Key, Count = g.Count(), Amount = g.Sum(d => d.AmountMinor), Days = g.Sum(d => (long)(d.CycleDays ?? 0)) })
            .ToListAsync(cancellationToken);
        var won = closedRows.SingleOrDefault(r => r.Won == true);
        var lost = closedRows.SingleOrDefault(r => r.Won == false);
        var closed = new ClosedTotals(won?.Count ?? 0, lost?.Count ?? 0, won?.Amount ?? 0, won?.Days ?? 0);

        var created = await deals.Where(d => d.CreatedAtUtc >= start && d.CreatedAtUtc < end)
            .GroupBy(d => 1)
            .Select(g => new { Count = g.Count(), Amount = g.Sum(d => d.AmountMinor) })
            .SingleOrDefaultAsync(cancellationToken);

        var today = Period.LocalToday(nowUtc, zone ?? TimeZoneInfo.Utc);
        var firstMonth = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var lastMonth = firstMonth.AddMonths(ForecastMonths);
        var forecastRows = await deals.Where(d => d.ClosedAtUtc == null && d.ExpectedCloseDate >= firstMonth && d.ExpectedCloseDate < lastMonth)
            .GroupBy(d => new { d.ExpectedCloseDate.Year, d.ExpectedCloseDate.Month })
            .Select(g => new MonthTotal(g.Key.Year, g.Key.Month, g.Count(), g.Sum(d => d.AmountMinor), g.Sum(d => d.AmountMinor * d.Probability)))
            .ToListAsync(cancellationToken);

        // Conversion: deals created in the period, by the furthest (non-lost) stage each of them reached.
        var furthest = await owned.Where(d => d.CreatedAtUtc >= start && d.CreatedAtUtc < end)
            .GroupBy(d => d.FurthestPosition)
            .Select(g => new { Position = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byPosition = stages.ToDictionary(s => s.Position, s => s.Id);
        var reached = furthest.Where(f => byPosition.ContainsKey(f.Position)).ToDictionary(f => byPosition[f.Position], f => f.Count);
        var conversion = PipelineMath.Conversion(stages.Select(s => new StageRef(s.Id, s.Position, s.Kind)), reached);

        IReadOnlyList<RepRow> reps = [];
        if (scope.IsTeamView)
        {
            // Two index range scans (open; closed in the period) rather than one OR that scans every deal.
            var openRows = await deals.Where(d => d.ClosedAtUtc == null)
                .GroupBy(d => d.OwnerId)
                .Select(g => new { OwnerId = g.Key, Count = g.Count(), Amount = g.Sum(d => d.AmountMinor), Weighted = g.Sum(d => d.AmountMinor * d.Probability) })
                .ToListAsync(cancellationToken);
            var closedByRep = await deals.Where(d => d.ClosedAtUtc >= start && d.ClosedAtUtc < end)
                .GroupBy(d => new { d.OwnerId, d.Won })
                .Select(g => new { g.Key.OwnerId, g.Key.Won, Count = g.Count(), Amount = g.Sum(d => d.AmountMinor) })
                .ToListAsync(cancellationToken);
            var rows = openRows.Select(o => o.OwnerId).Union(closedByRep.Select(c => c.OwnerId)).Select(owner =>
            {
                var o = openRows.SingleOrDefault(r => r.OwnerId == owner);
                var w = closedByRep.SingleOrDefault(r => r.OwnerId == owner && r.Won == true);
                var l = closedByRep.SingleOrDefault(r => r.OwnerId == owner && r.Won == false);
                return new { OwnerId = owner, Open = o?.Count ?? 0, OpenAmount = o?.Amount ?? 0, Weighted = o?.Weighted ?? 0, Won = w?.Count ?? 0, WonAmount = w?.Amount ?? 0, Lost = l?.Count ?? 0 };
            }).ToList();
            var ids = rows.Select(r => r.OwnerId).ToList();
            var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            reps = rows
                .Select(r => new RepRow(r.OwnerId, names.GetValueOrDefault(r.OwnerId, "Former user"), r.Open, Money.FromMinor(r.OpenAmount),
                    Money.FromWeightedMinor(r.Weighted), r.Won, Money.FromMinor(r.WonAmount), r.Lost))
                .OrderByDescending(r => r.WonAmount).ThenByDescending(r => r.OpenAmount)
                .ToList();
        }

        var kpis = PipelineMath.Kpis(openByStage, closed, created?.Count ?? 0, created?.Amount ?? 0);
        var byStage = stages.Where(s => s.Kind == StageKind.Open)
            .Select(s => new StageFigure(s, openByStage.SingleOrDefault(t => t.StageId == s.Id) ?? new StageTotal(s.Id, 0, 0, 0)))
            .ToList();
        return new DashboardData(currency, period, scope, kpis, closed, byStage, PipelineMath.ForecastByMonth(forecastRows, firstMonth, ForecastMonths),
            conversion, stages, reps, openInOtherCurrencies)
        {
            Tiers = await TiersAsync(db, scope, cancellationToken),
            Alerts = await AlertFiguresAsync(db, scope, period, cancellationToken),
        };
    }

    /// <summary>The accounts behind a tier figure (<paramref name="tier"/> null: accounts without a tier), by name.</summary>
    public async Task<IReadOnlyList<AccountRowLite>> AccountsAsync(DashboardScope scope, AccountTier? tier, int take = 500, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ScopedAccounts(db, scope).Where(c => c.Tier == tier).OrderBy(c => c.SearchName).Take(take)
            .Select(c => new AccountRowLite(c.Id, c.Name, c.Domain, c.Tier, db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The alerts behind the "alerts acted on" figure: created in the period, or read in it; newest first.</summary>
    public async Task<IReadOnlyList<AlertRow>> AlertsAsync(DashboardScope scope, AlertSet set, Period period, int take = 500, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alerts = ScopedAlerts(db, scope);
        alerts = set == AlertSet.ActedOn
            ? alerts.Where(a => a.ReadAtUtc >= period.FromUtc && a.ReadAtUtc < period.ToUtc).OrderByDescending(a => a.ReadAtUtc)
            : alerts.Where(a => a.CreatedAtUtc >= period.FromUtc && a.CreatedAtUtc < period.ToUtc).OrderByDescending(a => a.CreatedAtUtc);
        return await (from a in alerts.Take(take)
                      join c in db.Companies on a.CompanyId equals c.Id
                      join u in db.Users on a.UserId equals u.Id
                      select new AlertRow(a.Id, a.CompanyId, c.Name, a.Title, u.DisplayName, a.CreatedAtUtc, a.ReadAtUtc))
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<Company> ScopedAccounts(PartnerForgeDbContext db, DashboardScope scope)
    {
        var companies = db.Companies.AsNoTracking();
        return scope.OwnerIds is { } owners ? companies.Where(c => c.OwnerId != null && owners.Contains(c.OwnerId.Value)) : companies;
    }

    private static IQueryable<Domain.Changes.Alert> ScopedAlerts(PartnerForgeDbContext db, DashboardScope scope)
    {
        var alerts = db.Alerts.AsNoTracking();
        return scope.OwnerIds is { } people ? alerts.Where(a => people.Contains(a.UserId)) : alerts;
    }

    private static async Task<IReadOnlyList<TierCount>> TiersAsync(PartnerForgeDbContext db, DashboardScope scope, CancellationToken cancellationToken)
    {
        var rows = await ScopedAccounts(db, scope).GroupBy(c => c.Tier).Select(g => new { Tier = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enum.GetValues<AccountTier>().Select(t => (AccountTier?)t).Append(null)
            .Select(t => new TierCount(t, rows.SingleOrDefault(r => r.Tier == t)?.Count ?? 0))
            .ToList();
    }

    private static async Task<AlertFigures> AlertFiguresAsync(PartnerForgeDbContext db, DashboardScope scope, Period period, CancellationToken cancellationToken)
    {
        var alerts = ScopedAlerts(db, scope);
        var created = await alerts.CountAsync(a => a.CreatedAtUtc >= period.FromUtc && a.CreatedAtUtc < period.ToUtc, cancellationToken);
        var actedOn = await alerts.CountAsync(a => a.ReadAtUtc >= period.FromUtc && a.ReadAtUtc < period.ToUtc, cancellationToken);
        return new AlertFigures(created, actedOn);
    }
}
