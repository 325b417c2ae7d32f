using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Pipeline;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Pipeline;

/// <summary>
/// The dashboard's SQL aggregates against a small, hand-computed workspace (figures worked out on paper in
/// the comments), on a real SQLite database beside the demo tenants (which must not leak in).
/// </summary>
public abstract class DashboardServiceTestsBase : IAsyncLifetime
{
    private static readonly DateTime Now = Utc(2026, 11, 15);
    private static readonly Period Q4 = new(Utc(2026, 10, 1), Utc(2027, 1, 1));

    private InfrastructureHost _host = null!;
    private Guid _tenant;
    private Guid _rep1;
    private Guid _rep2;
    private Guid _manager;
    private Dictionary<string, Guid> _stages = null!;

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private Guid _admin;

    /// <summary>The database the figures are computed by (SQLite file or PostgreSQL).</summary>
    private protected abstract Task<InfrastructureHost> StartHostAsync();

    public async Task InitializeAsync()
    {
        _host = await StartHostAsync();
        await _host.AsSystemAsync(Arrange);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_managers_dashboard_matches_the_hand_computed_figures()
    {
        var data = await LoadAsync(_manager);

        data.Scope.IsTeamView.Should().BeTrue();
        data.Currency.Should().Be("USD");
        // Open USD deals: D1 10,000 @40%, D2 20,000 @60%, D6 5,000 @50% (overridden); D7 is in EUR.
        data.Kpis.PipelineValue.Should().Be(35_000m);
        data.Kpis.WeightedPipeline.Should().Be(18_500m); // 4,000 + 12,000 + 2,500
        data.Kpis.OpenDeals.Should().Be(3);
        data.OpenInOtherCurrencies.Should().Be(1);
        // Closed in Q4: won D3 (30,000, 31 days) and D4 (50,000, 50 days); lost D5.
        data.Kpis.WinRate.Should().BeApproximately(2d / 3, 1e-9);
        data.Kpis.AverageDealSize.Should().Be(40_000m);
        data.Kpis.SalesCycleDays.Should().Be(40.5);
        data.Kpis.VelocityPerDay.Should().Be(1975.31m); // 3 × 2/3 × 40,000 ÷ 40.5 = 1,975.308…
        // Created in Q4: D1, D2, D3, D5, D6 = 10 + 20 + 30 + 8 + 5 thousand.
        data.Kpis.NewDeals.Should().Be(5);
        data.Kpis.NewPipeline.Should().Be(73_000m);

        data.ByStage.Select(s => (s.Stage.Name, s.Total.Count, s.Total.Amount)).Should().Equal(
            ("Prospect", 1, 5_000m), ("Qualified", 0, 0m), ("Discovery", 1, 10_000m), ("Proposal", 1, 20_000m), ("Negotiation", 0, 0m));

        data.Forecast.Select(m => ($"{m.Year}-{m.Month:00}", m.Weighted)).Should().Equal(
            ("2026-11", 2_500m), ("2026-12", 4_000m), ("2027-01", 12_000m), ("2027-02", 0m), ("2027-03", 0m), ("2027-04", 0m));

        // Cohort created in Q4, furthest stage: D1 Discovery, D2 Proposal (skipped two), D3 Won, D5 Qualified (then lost), D6 Prospect.
        data.Conversion.Select(c => (Name(c.FromStageId), Name(c.ToStageId), c.Reached, c.Advanced)).Should().Equal(
            ("Prospect", "Qualified", 5, 4), ("Qualified", "Discovery", 4, 3), ("Discovery", "Proposal", 3, 2),
            ("Proposal", "Negotiation", 2, 1), ("Negotiation", "Won", 1, 1));

        data.Reps.Select(r => (r.Name, r.OpenDeals, r.OpenAmount, r.Won, r.WonAmount, r.Lost)).Should().BeEquivalentTo(new[]
        {
            ("Rita One", 2, 30_000m, 0, 0m, 1),
            ("Rob Two", 1, 5_000m, 2, 80_000m, 0),
        });
    }

    [Fact]
    public async Task A_rep_sees_only_their_own_deals()
    {
        var data = await LoadAsync(_rep1);

        data.Scope.IsTeamView.Should().BeFalse();
        data.Scope.OwnerIds.Should().Equal(_rep1);
        data.Kpis.PipelineValue.Should().Be(30_000m);
        data.Kpis.WeightedPipeline.Should().Be(16_000m);
        data.Kpis.WinRate.Should().Be(0);
        data.Kpis.AverageDealSize.Should().BeNull();
        data.Kpis.VelocityPerDay.Should().BeNull();
        data.Kpis.NewPipeline.Should().Be(38_000m); // D1 + D2 + D5
        data.Reps.Should().BeEmpty("the per-rep breakdown is for managers");
    }

    [Fact]
    public async Task The_workspace_cards_count_the_tenants_accounts_active_people_teams_and_territories_only()
    {
        await _host.AsSystemAsync(async db =>
        {
            var rob = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == _rep2);
            rob.Deactivate();
            return await db.SaveChangesAsync();
        });
        await using var scope = _host.Scope(_tenant, _manager);

        var stats = await scope.ServiceProvider.GetRequiredService<DashboardService>().WorkspaceStatsAsync();

        // Pied Piper, Alpha One, Alpha Two, Bravo, Charlie; Rita, Mo and Ada (Rob is deactivated); Hooli Sales; no territory.
        // The demo tenants beside Hooli hold more of each: none of theirs may count.
        stats.Should().Be(new WorkspaceStats(5, 3, 1, 0));
    }

    [Fact]
    public async Task The_deals_behind_a_figure_are_the_ones_it_counts()
    {
        await using var scope = _host.Scope(_tenant, _manager);
        var service = scope.ServiceProvider.GetRequiredService<PipelineService>();

        var won = await service.QueryAsync(new DealQuery(DealSet.Won, Q4.FromUtc, Q4.ToUtc, Currency: "USD"));
        var created = await service.QueryAsync(new DealQuery(DealSet.Created, Q4.FromUtc, Q4.ToUtc, Currency: "USD"));

        won.Select(d => d.Title).Should().BeEquivalentTo("D3", "D4");
        won.Sum(d => d.Amount).Should().Be(80_000m);
        created.Select(d => d.Title).Should().BeEquivalentTo("D1", "D2", "D3", "D5", "D6");
    }

    [Fact]
    public async Task Periods_are_the_users_calendar_a_deal_won_late_on_30_November_counts_in_the_month_each_user_sees()
    {
        // Now: 23:00 UTC on 30 November = 18:00 on 30 November in New York = 08:00 on 1 December in Tokyo.
        var now = Utc(2026, 11, 30).AddHours(23);
        await _host.AsSystemAsync(async db =>
        {
            var stages = await db.Stages.IgnoreQueryFilters().Where(s => s.TenantId == _tenant).ToDictionaryAsync(s => s.Name);
            var company = await db.Companies.IgnoreQueryFilters().FirstAsync(c => c.TenantId == _tenant && c.Name == "Pied Piper");
            // D8: created 20 Nov, won at 22:00 UTC on 30 November = 17:00 in New York = 07:00 on 1 December in Tokyo.
            var (deal, first) = PartnerForge.Domain.Pipeline.Deal.Open(company.Id, "D8", _rep2, stages["Prospect"], 7_000m, "USD", Utc(2026, 12, 20), Utc(2026, 11, 20), _rep2);
            deal.StampTenant(_tenant);
            first.StampTenant(_tenant);
            var won = deal.MoveTo(stages["Won"], Utc(2026, 11, 30).AddHours(22), _rep2)!;
            won.StampTenant(_tenant);
            db.AddRange(deal, first, won);
            return await db.SaveChangesAsync();
        });

        // New York's November: 1 Nov 04:00 UTC to 1 Dec 05:00 UTC. D8 is in it; D3 (won 1 Nov 00:00 UTC = 31 Oct 20:00 there) is not.
        var newYork = await LoadAsync(_manager, Period.Month(now, NewYork), now, NewYork);
        newYork.Closed.Won.Should().Be(1);
        newYork.Kpis.AverageDealSize.Should().Be(7_000m);
        newYork.Kpis.SalesCycleDays.Should().Be(10); // 20 Nov 00:00 to 30 Nov 22:00: 10 whole days

        // UTC's November: 1 Nov 00:00 to 1 Dec 00:00. D3 (30,000, 31 days) and D8 (7,000, 10 days).
        var utc = await LoadAsync(_manager, Period.Month(now, TimeZoneInfo.Utc), now, TimeZoneInfo.Utc);
        utc.Closed.Won.Should().Be(2);
        utc.Kpis.AverageDealSize.Should().Be(18_500m);
        utc.Kpis.SalesCycleDays.Should().Be(20.5);
        utc.Forecast[0].Should().Match<MonthTotal>(m => m.Year == 2026 && m.Month == 11);
        utc.Forecast[0].Weighted.Should().Be(2_500m); // D6 5,000 @ 50%

        // Tokyo is already in December (30 Nov 15:00 UTC onwards): D8 only, and its forecast starts in December.
        var tokyo = await LoadAsync(_manager, Period.Month(now, Tokyo), now, Tokyo);
        tokyo.Closed.Won.Should().Be(1);
        tokyo.Kpis.AverageDealSize.Should().Be(7_000m);
        tokyo.Forecast[0].Should().Match<MonthTotal>(m => m.Year == 2026 && m.Month == 12);
        tokyo.Forecast[0].Weighted.Should().Be(4_000m); // D1 10,000 @ 40% (D8 is closed)
    }

    [Fact]
    public async Task Accounts_by_tier_and_alerts_acted_on_count_the_scopes_accounts_and_people()
    {
        var team = await LoadAsync(_manager);
        // Team accounts: Rita's two tier A, Rob's tier B; the unowned tier C account and Pied Piper are nobody's.
        team.Tiers.Select(t => (t.Label, t.Accounts)).Should().Equal(("Tier A", 2), ("Tier B", 1), ("Tier C", 0), ("Tier D", 0), ("No tier", 0));
        // Created in Q4: Rita 5 Oct and 10 Oct, Rob 3 Nov = 3. Read in Q4: Rita's 5 Oct alert (read 6 Oct) and her
        // September alert (read 2 Oct) = 2. Rob's is unread; Rita's 20 September alert was created before the quarter.
        team.Alerts.Should().Be(new AlertFigures(3, 2));
        team.Alerts.Rate.Should().BeApproximately(2d / 3, 1e-9);

        var rita = await LoadAsync(_rep1);
        rita.Tiers.Select(t => t.Accounts).Should().Equal(2, 0, 0, 0, 0);
        rita.Alerts.Should().Be(new AlertFigures(2, 2));

        var everyone = await LoadAsync(_admin);
        everyone.Tiers.Select(t => t.Accounts).Should().Equal(2, 1, 1, 0, 1); // the whole workspace; Pied Piper has no tier

        await using var scope = _host.Scope(_tenant, _manager);
        var service = scope.ServiceProvider.GetRequiredService<DashboardService>();
        var managerScope = await service.ScopeForAsync(_manager);
        (await service.AccountsAsync(managerScope, AccountTier.A)).Select(a => a.Name).Should().Equal("Alpha One", "Alpha Two");
        (await service.AccountsAsync(managerScope, null)).Should().BeEmpty();
        (await service.AlertsAsync(managerScope, AlertSet.ActedOn, Q4)).Select(a => (a.CompanyName, a.ReadAtUtc)).Should().Equal(
            ("Alpha One", (DateTime?)Utc(2026, 10, 6)), ("Alpha One", (DateTime?)Utc(2026, 10, 2)));
        (await service.AlertsAsync(managerScope, AlertSet.Created, Q4)).Select(a => a.UserName).Should().Equal("Rob Two", "Rita One", "Rita One");
    }

    private string Name(Guid stageId) => _stages.Single(s => s.Value == stageId).Key;

    private Task<DashboardData> LoadAsync(Guid user) => LoadAsync(user, Q4, Now, null);

    private async Task<DashboardData> LoadAsync(Guid user, Period period, DateTime now, TimeZoneInfo? zone)
    {
        await using var scope = _host.Scope(_tenant, user);
        var service = scope.ServiceProvider.GetRequiredService<DashboardService>();
        return await service.LoadAsync(await service.ScopeForAsync(user), period, now, zone);
    }

    private async Task<int> Arrange(PartnerForgeDbContext db)
    {
        var tenant = new Tenant("Hooli", "hooli", Utc(2026, 1, 1));
        db.Tenants.Add(tenant);
        _tenant = tenant.Id;
        var team = new Team("Hooli Sales");
        team.StampTenant(tenant.Id);
        db.Teams.Add(team);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
        User Person(string email, string name, string role)
        {
            var user = new User(tenant.Id, email, name, Utc(2026, 1, 1));
            user.JoinTeam(team.Id);
            db.Users.Add(user);
            db.IdentityUsers.Add(new PartnerForge.Infrastructure.Identity.ApplicationUser(user));
            db.UserRoles.Add(PartnerForge.Infrastructure.Identity.ApplicationRole.Member(user.Id, roles[role]));
            return user;
        }

        _rep1 = Person("rita@hooli.test", "Rita One", Roles.Rep).Id;
        _rep2 = Person("rob@hooli.test", "Rob Two", Roles.Rep).Id;
        _manager = Person("mo@hooli.test", "Mo Manager", Roles.Manager).Id;
        _admin = Person("ada@hooli.test", "Ada Admin", Roles.TenantAdmin).Id;
        var company = new Company("Pied Piper", DomainName.Parse("piedpiper.test"), Utc(2026, 1, 1));
        company.StampTenant(tenant.Id);
        db.Companies.Add(company);
        Company Account(string name, Guid? owner, AccountTier tier)
        {
            var account = new Company(name, DomainName.Parse(name.Replace(' ', '-').ToLowerInvariant() + ".test"), Utc(2026, 1, 1));
            account.StampTenant(tenant.Id);
            account.AssignOwner(owner, Utc(2026, 1, 1));
            account.SetTier(tier, Utc(2026, 1, 1));
            db.Companies.Add(account);
            return account;
        }

        var alphaOne = Account("Alpha One", _rep1, AccountTier.A);
        Account("Alpha Two", _rep1, AccountTier.A);
        var bravo = Account("Bravo", _rep2, AccountTier.B);
        Account("Charlie", null, AccountTier.C);
        void Alert(Company on, Guid user, string what, DateTime created, DateTime? read)
        {
            var change = new ChangeEvent(on.Id, Guid.NewGuid(), null, new DetectedChange("M07", $"trigger[{what}]", ChangeKind.Added, null, what, 80, "trigger", null), created);
            change.StampTenant(tenant.Id);
            var alert = new Alert(user, Guid.NewGuid(), change, on.Name, created);
            alert.StampTenant(tenant.Id);
            if (read is { } r)
            {
                alert.MarkRead(r);
            }

            db.ChangeEvents.Add(change);
            db.Alerts.Add(alert);
        }

        Alert(alphaOne, _rep1, "a (read 6 Oct)", Utc(2026, 10, 5), Utc(2026, 10, 6));
        Alert(alphaOne, _rep1, "b (unread)", Utc(2026, 10, 10), null);
        Alert(alphaOne, _rep1, "s (read 2 Oct)", Utc(2026, 9, 20), Utc(2026, 10, 2));
        Alert(bravo, _rep2, "c (unread)", Utc(2026, 11, 3), null);
        await db.SaveChangesAsync();
        await StageDefaults.EnsureAsync(db, tenant.Id);
        var stages = await db.Stages.IgnoreQueryFilters().Where(s => s.TenantId == tenant.Id).ToDictionaryAsync(s => s.Name);
        _stages = stages.ToDictionary(s => s.Key, s => s.Value.Id);

        void Deal(string title, Guid owner, decimal amount, DateTime created, DateTime close, string currency = "USD", int? probability = null, params (string Stage, DateTime At)[] moves)
        {
            var (deal, first) = PartnerForge.Domain.Pipeline.Deal.Open(company.Id, title, owner, stages["Prospect"], amount, currency, close, created, owner);
            deal.StampTenant(tenant.Id);
            first.StampTenant(tenant.Id);
            db.Deals.Add(deal);
            db.StageChanges.Add(first);
            foreach (var (stage, at) in moves)
            {
                var change = deal.MoveTo(stages[stage], at, owner)!;
                change.StampTenant(tenant.Id);
                db.StageChanges.Add(change);
            }

            if (probability is { } p)
            {
                deal.OverrideProbability(p, stages["Prospect"]);
            }
        }

        Deal("D1", _rep1, 10_000m, Utc(2026, 10, 5), Utc(2026, 12, 10), moves: [("Qualified", Utc(2026, 10, 9)), ("Discovery", Utc(2026, 10, 20))]);
        Deal("D2", _rep1, 20_000m, Utc(2026, 10, 10), Utc(2027, 1, 20), moves: [("Proposal", Utc(2026, 10, 25))]);
        Deal("D3", _rep2, 30_000m, Utc(2026, 10, 1), Utc(2026, 11, 1), moves:
            [("Qualified", Utc(2026, 10, 5)), ("Discovery", Utc(2026, 10, 10)), ("Proposal", Utc(2026, 10, 15)), ("Negotiation", Utc(2026, 10, 25)), ("Won", Utc(2026, 11, 1))]);
        Deal("D4", _rep2, 50_000m, Utc(2026, 9, 1), Utc(2026, 10, 21), moves: [("Negotiation", Utc(2026, 9, 30)), ("Won", Utc(2026, 10, 21))]);
        Deal("D5", _rep1, 8_000m, Utc(2026, 10, 2), Utc(2026, 12, 1), moves: [("Qualified", Utc(2026, 10, 12)), ("Lost", Utc(2026, 10, 30))]);
        Deal("D6", _rep2, 5_000m, Utc(2026, 11, 2), Utc(2026, 11, 30), probability: 50);
        Deal("D7", _rep1, 100_000m, Utc(2026, 8, 1), Utc(2026, 12, 15), currency: "EUR");
        return await db.SaveChangesAsync();
    }

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);
}

/// <summary>The dashboard figures on SQLite (the embedded database).</summary>
public sealed class DashboardServiceTests : DashboardServiceTestsBase
{
    private protected override Task<InfrastructureHost> StartHostAsync() => InfrastructureHost.StartAsync();
}

/// <summary>The same figures computed by PostgreSQL (scaled-out deployments).</summary>
[Collection(PostgresCollection.Name)]
public sealed class DashboardServicePostgresTests(PostgresServer postgres) : DashboardServiceTestsBase
{
    private protected override async Task<InfrastructureHost> StartHostAsync() =>
        await InfrastructureHost.StartAsync(postgres: await postgres.CreateDatabaseAsync("pf_dash"));
}
