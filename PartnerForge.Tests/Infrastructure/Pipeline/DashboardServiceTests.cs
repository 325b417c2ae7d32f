using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
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
public sealed class DashboardServiceTests : IAsyncLifetime
{
    private static readonly DateTime Now = Utc(2026, 11, 15);
    private static readonly Period Q4 = new(Utc(2026, 10, 1), Utc(2027, 1, 1));

    private InfrastructureHost _host = null!;
    private Guid _tenant;
    private Guid _rep1;
    private Guid _rep2;
    private Guid _manager;
    private Dictionary<string, Guid> _stages = null!;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
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

    private string Name(Guid stageId) => _stages.Single(s => s.Value == stageId).Key;

    private async Task<DashboardData> LoadAsync(Guid user)
    {
        await using var scope = _host.Scope(_tenant, user);
        var service = scope.ServiceProvider.GetRequiredService<DashboardService>();
        return await service.LoadAsync(await service.ScopeForAsync(user), Q4, Now);
    }

    private async Task<int> Arrange(PartnerForgeDbContext db)
    {
        var tenant = new Tenant("Hooli", "hooli", Utc(2026, 1, 1));
        db.Tenants.Add(tenant);
        _tenant = tenant.Id;
        var team = new Team("Hooli Sales");
        team.StampTenant(tenant.Id);
        db.Teams.Add(team);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name, r => r.Id);
        User Person(string email, string name, string role)
        {
            var user = new User(tenant.Id, email, name, Utc(2026, 1, 1));
            user.JoinTeam(team.Id);
            db.Users.Add(user);
            db.UserRoles.Add(new UserRole(user.Id, roles[role]));
            return user;
        }

        _rep1 = Person("rita@hooli.test", "Rita One", Roles.Rep).Id;
        _rep2 = Person("rob@hooli.test", "Rob Two", Roles.Rep).Id;
        _manager = Person("mo@hooli.test", "Mo Manager", Roles.Manager).Id;
        var company = new Company("Pied Piper", DomainName.Parse("piedpiper.test"), Utc(2026, 1, 1));
        company.StampTenant(tenant.Id);
        db.Companies.Add(company);
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
