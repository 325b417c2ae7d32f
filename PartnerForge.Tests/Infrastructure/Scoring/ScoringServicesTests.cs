using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Scoring;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Scoring;
using PartnerForge.Tests.Domain.Scoring;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Scoring;

/// <summary>ICP, scoring, tiers, routing and the brief over a real SQLite database with the demo workspace.</summary>
public sealed class ScoringServicesTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private Guid _admin;
    private Guid _manager;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_northwind, _globex, _admin, _manager) = await _host.AsSystemAsync(async db =>
        {
            var admin = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "admin@northwind.test");
            var manager = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "manager@northwind.test");
            var globex = await db.Tenants.SingleAsync(t => t.Slug == "globex");
            return (admin.TenantId, globex.Id, admin.Id, manager.Id);
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_icp_edit_and_a_rescore_retier_the_base_record_each_change_and_route_unowned_accounts()
    {
        var companies = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _northwind).ToListAsync());
        var acme = companies.Single(c => c.Domain == "acme-outdoor.test");
        var unowned = companies.Where(c => c.OwnerId == null).Select(c => c.Id).ToList();
        unowned.Should().NotBeEmpty("the demo leaves some accounts without an owner");

        // Fit only (100 %), so tiers follow the ICP: Acme's industry gives it every point.
        await SaveIcpAsync(_northwind, [new(IcpField.Industry, [acme.Industry!], 60), new(IcpField.Country, [acme.Country!], 40)], new TierPolicy(100, 75, 50, 25));
        var done = await RescoreAsync(_northwind);
        done.Should().Be(companies.Count);

        var after = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _northwind).ToDictionaryAsync(c => c.Id));
        after[acme.Id].Should().Match<Company>(c => c.FitScore == 100 && c.PriorityScore == 100 && c.Tier == AccountTier.A && c.ScoredAtUtc != null);
        after.Values.Should().OnlyContain(c => c.Tier != null && c.FitScore != null);
        after.Values.Where(c => c.FitScore == 0).Should().OnlyContain(c => c.Tier == AccountTier.D);
        (await TierChangesAsync(_northwind)).Should().HaveCount(companies.Count).And.OnlyContain(t => t.OldTier == null);
        unowned.Should().OnlyContain(id => after[id].OwnerId != null, "unowned accounts are routed to the Whole market team");
        var assignments = await _host.AsSystemAsync(db => db.AccountAssignments.IgnoreQueryFilters().Where(a => a.TenantId == _northwind).ToListAsync());
        assignments.Select(a => a.CompanyId).Should().BeEquivalentTo(unowned);
        assignments.Should().OnlyContain(a => a.Reason.Contains("Territory Whole market") && !a.IsOverride);

        // The grid filters and sorts on the scores, whichever index the query walks.
        await using (var scope = _host.Scope(_northwind, _admin))
        {
            var queries = scope.ServiceProvider.GetRequiredService<PartnerForge.Infrastructure.Accounts.AccountQueries>();
            var expected = after.Values.Where(c => c.PriorityScore >= 40).OrderByDescending(c => c.PriorityScore).ThenBy(c => c.Id).Select(c => c.Id).ToList();
            var filter = new PartnerForge.Infrastructure.Accounts.AccountFilter { MinPriority = 40 };
            var byPriority = await queries.PageAsync(filter, new(PartnerForge.Infrastructure.Accounts.AccountSortColumn.Priority, true), 0, 50);
            byPriority.Select(r => r.Id).Should().Equal(expected);
            byPriority[0].Should().Match<PartnerForge.Infrastructure.Accounts.AccountRow>(r => r.PriorityScore == 100 && r.FitScore == 100 && r.SignalScore == 0);
            (await queries.PageAsync(filter, new(), 0, 50)).Select(r => r.Id).Should().BeEquivalentTo(expected);
            (await queries.PageAsync(filter with { MinFit = 100 }, new(PartnerForge.Infrastructure.Accounts.AccountSortColumn.Signal), 0, 50)).Should().ContainSingle().Which.Id.Should().Be(acme.Id);
            (await queries.CountAsync(filter)).Should().Be(expected.Count);
        }

        // The ICP changes: Acme's industry no longer counts, so Acme drops to C and the change is on its history.
        await SaveIcpAsync(_northwind, [new(IcpField.Industry, ["Nothing like it"], 60), new(IcpField.Country, [acme.Country!], 40)], new TierPolicy(100, 75, 50, 25));
        await RescoreAsync(_northwind);
        var acmeNow = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Id == acme.Id));
        acmeNow.Tier.Should().Be(AccountTier.C);
        acmeNow.FitScore.Should().Be(40);
        await using (var scope = _host.Scope(_northwind, _admin))
        {
            var history = await scope.ServiceProvider.GetRequiredService<ScoringQueries>().HistoryAsync(acme.Id);
            history[0].Should().Match<ScoringHistoryItem>(h => h.Kind == ScoringHistoryKind.TierChange && h.Title == "Tier A → C");
            history[0].Reason.Should().Contain("priority 40 (fit 40, signal 0)").And.Contain("A≥75, B≥50, C≥25");
        }

        // Globex was never touched: its accounts are not scored, nothing recorded there.
        var globex = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _globex).ToListAsync());
        globex.Should().OnlyContain(c => c.Tier == null && c.FitScore == null);
        (await TierChangesAsync(_globex)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_icp_and_thresholds_belong_to_one_tenant()
    {
        await SaveIcpAsync(_northwind, [new(IcpField.Country, ["GB"], 10)], new TierPolicy(70, 90, 60, 30));
        await using (var scope = _host.Scope(_globex))
        {
            var settings = scope.ServiceProvider.GetRequiredService<IcpSettings>();
            var globex = await settings.GetAsync();
            globex.Criteria.Should().BeEmpty();
            globex.Policy.Should().Be(TierPolicy.Default);
            (await settings.SaveAsync([new(IcpField.Industry, ["Retail"], 5)], new TierPolicy(50, 80, 50, 20), 30)).Succeeded.Should().BeTrue();
        }

        await using (var scope = _host.Scope(_northwind))
        {
            var northwind = await scope.ServiceProvider.GetRequiredService<IcpSettings>().GetAsync();
            northwind.Criteria.Should().ContainSingle().Which.Values.Should().Equal("GB");
            northwind.Policy.Should().Be(new TierPolicy(70, 90, 60, 30));
            northwind.HalfLifeDays.Should().Be(IcpSettings.DefaultHalfLifeDays);
        }

        var rows = await _host.AsSystemAsync(db => db.IcpProfiles.IgnoreQueryFilters().ToListAsync());
        rows.Should().HaveCount(2).And.OnlyHaveUniqueItems(r => r.TenantId);

        // Invalid input is refused with every error, and nothing is saved.
        await using (var scope = _host.Scope(_northwind))
        {
            var result = await scope.ServiceProvider.GetRequiredService<IcpSettings>().SaveAsync([new(IcpField.Country, [], 10)], new TierPolicy(70, 50, 60, 30), 0);
            result.Kind.Should().Be(ErrorKind.Validation);
            result.FieldMessages().Keys.Should().BeEquivalentTo(["Criteria[0]", "ThresholdB", "SignalHalfLifeDays"]);
            (await scope.ServiceProvider.GetRequiredService<IcpSettings>().GetAsync()).Policy.Should().Be(new TierPolicy(70, 90, 60, 30));
        }
    }

    [Fact]
    public async Task The_signal_score_decays_with_a_fixed_clock_and_cites_the_press_item()
    {
        var clock = new FixedTimeProvider(new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc));
        var acme = await CompanyIdAsync(_northwind, "acme-outdoor.test");
        await StoreFactsAsync(_northwind, acme, "M07", [new Fact("trigger[Funding][2026-10-01]", "Acme raises $40M Series C", new SourceRef("https://acme-outdoor.test/press/series-c", clock.GetUtcNow().UtcDateTime, "rss", "Acme raises"))]);
        await SaveIcpAsync(_northwind, [new(IcpField.Country, ["ZZ"], 10)], new TierPolicy(0, 75, 50, 25), halfLifeDays: 30);

        await using var scope = _host.Scope(_northwind, _admin);
        var scorer = new AccountScorer(scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>(), clock);
        var fresh = await scorer.ScoreAsync(acme, null, "test");
        fresh!.Signal.Score.Should().Be(SignalScorer.Weights.Funding);
        fresh.Priority.Should().Be(30, "priority is all signal here");

        clock.Advance(TimeSpan.FromDays(30));
        (await scorer.ScoreAsync(acme, null, "test"))!.Signal.Score.Should().Be(15);
        clock.Advance(TimeSpan.FromDays(60));
        var old = await scorer.ScoreAsync(acme, null, "test");
        old!.Signal.Score.Should().Be(4, "30 × 0.5³ = 3.75");
        old.Signal.Factors.Single().Text.Should().Be("+4 Funding: Acme raises $40M Series C (90 days ago)");
        old.Tier.Should().Be(AccountTier.D);

        var stored = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Id == acme));
        stored.SignalScore.Should().Be(4);
        stored.ScoredAtUtc.Should().Be(clock.GetUtcNow().UtcDateTime);
        var tiers = await TierChangesAsync(_northwind);
        tiers.Select(t => (t.OldTier, t.NewTier)).Should().Equal((null, AccountTier.C), (AccountTier.C, AccountTier.D));
    }

    [Fact]
    public async Task Routing_is_round_robin_within_the_matching_team_and_a_managers_override_is_recorded()
    {
        // A US team of three reps; the demo's "Whole market" territory sorts after "A · US".
        var reps = new List<Guid>();
        await using (var scope = _host.Scope(_northwind, _admin))
        {
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            var team = new Team("US Sales");
            db.Teams.Add(team);
            db.Territories.Add(new Territory("A · US", team.Id, ["US"]));
            for (var i = 0; i < 3; i++)
            {
                var user = new User(_northwind, $"us.rep{i}@northwind.test", $"US Rep {i}", DateTime.UtcNow);
                user.JoinTeam(team.Id);
                db.Users.Add(user);
                reps.Add(user.Id);
            }

            for (var i = 0; i < 30; i++)
            {
                var company = new Company($"US Prospect {i:00}", DomainName.Parse($"us-prospect-{i:00}.test"), DateTime.UtcNow);
                company.SetFirmographics("Retail", "US", null, null, DateTime.UtcNow);
                db.Companies.Add(company);
            }

            await db.SaveChangesAsync();
        }

        await SaveIcpAsync(_northwind, [new(IcpField.Country, ["US"], 10)], TierPolicy.Default);
        await RescoreAsync(_northwind);

        var owners = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _northwind && c.Domain.StartsWith("us-prospect-")).Select(c => c.OwnerId).ToListAsync());
        owners.Should().OnlyContain(o => o != null && reps.Contains(o.Value));
        owners.GroupBy(o => o).Select(g => g.Count()).Should().AllBeEquivalentTo(10, "30 accounts over 3 reps, round-robin");

        // A re-score does not move owned accounts whose owner works the territory.
        await RescoreAsync(_northwind);
        (await _host.AsSystemAsync(db => db.AccountAssignments.IgnoreQueryFilters().CountAsync(a => a.TenantId == _northwind && a.TeamId != null && a.Reason.Contains("A · US"))))
            .Should().Be(30);

        var prospect = await CompanyIdAsync(_northwind, "us-prospect-00.test");
        var ownerBefore = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Id == prospect).Select(c => c.OwnerId).SingleAsync());
        var rep = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "rep@northwind.test").Select(u => u.Id).SingleAsync());
        await using (var scope = _host.Scope(_northwind, rep))
        {
            // A rep cannot reassign, whatever the page shows.
            (await scope.ServiceProvider.GetRequiredService<AccountRouter>().OverrideAsync(prospect, rep, "I want it")).Should()
                .Match<Result>(r => r.Kind == ErrorKind.Forbidden && r.Describe() == "Only a manager or an admin can reassign an account.");
        }

        (await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Id == prospect).Select(c => c.OwnerId).SingleAsync())).Should().Be(ownerBefore);
        await using (var scope = _host.Scope(_northwind, _manager))
        {
            var router = scope.ServiceProvider.GetRequiredService<AccountRouter>();
            (await router.OverrideAsync(prospect, _manager, "  ")).FieldMessages()["Reason"].Should().Be("Say why you reassign the account.");
            (await router.OverrideAsync(prospect, _manager, "Knows their CFO")).Succeeded.Should().BeTrue();
            var history = await scope.ServiceProvider.GetRequiredService<ScoringQueries>().HistoryAsync(prospect);
            history[0].Should().Match<ScoringHistoryItem>(h => h.Kind == ScoringHistoryKind.Assignment && h.Reason == "Manager override: Knows their CFO" && h.Who == "Morgan Manager");
            history[0].Title.Should().EndWith("→ Morgan Manager");
        }

        // Another tenant can neither reassign nor read this account's routing.
        var globexManager = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "manager@globex.test").Select(u => u.Id).SingleAsync());
        await using (var scope = _host.Scope(_globex, globexManager))
        {
            (await scope.ServiceProvider.GetRequiredService<AccountRouter>().OverrideAsync(prospect, globexManager, "grab it")).IsNotFound.Should().BeTrue();
            (await scope.ServiceProvider.GetRequiredService<ScoringQueries>().HistoryAsync(prospect)).Should().BeEmpty();
            (await scope.ServiceProvider.GetRequiredService<ScoringQueries>().BriefAsync(prospect)).Should().BeNull();
        }

        (await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Id == prospect))).OwnerId.Should().Be(_manager);
        (await _host.AsSystemAsync(db => db.RoutingCursors.IgnoreQueryFilters().CountAsync(c => c.TenantId == _globex))).Should().Be(0);
    }

    [Fact]
    public async Task A_territory_by_employee_band_routes_accounts_of_that_size()
    {
        Guid teamId;
        await using (var scope = _host.Scope(_northwind, _admin))
        {
            var admin = scope.ServiceProvider.GetRequiredService<PartnerForge.Infrastructure.Administration.TenantAdministration>();
            teamId = (await admin.CreateTeamAsync("Mid-market")).Value;
            (await admin.CreateTerritoryAsync("A · Mid-market", teamId, "", "", "huge")).Describe().Should().Contain("'huge' is not an employee band");
            (await admin.CreateTerritoryAsync("A · Mid-market", teamId, "", "", "201-500, 501-1000")).Succeeded.Should().BeTrue();
            (await admin.SetTeamAsync(_manager, teamId)).Succeeded.Should().BeTrue();
            (await admin.ListTerritoriesAsync()).Single(t => t.Name == "A · Mid-market").EmployeeBands.Should().Equal("201-500", "501-1000");

            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            foreach (var (domain, band) in new[] { ("mid.test", "201-500"), ("small.test", "11-50") })
            {
                var company = new Company(domain, DomainName.Parse(domain), DateTime.UtcNow);
                company.SetFirmographics(null, "FR", band, null, DateTime.UtcNow);
                db.Companies.Add(company);
            }

            await db.SaveChangesAsync();
        }

        await SaveIcpAsync(_northwind, [new(IcpField.Country, ["FR"], 10)], TierPolicy.Default);
        await RescoreAsync(_northwind);
        var assignments = await _host.AsSystemAsync(db => db.AccountAssignments.IgnoreQueryFilters()
            .Join(db.Companies.IgnoreQueryFilters(), a => a.CompanyId, c => c.Id, (a, c) => new { c.Domain, a.TeamId, a.NewOwnerId }).ToListAsync());
        var mid = assignments.Single(a => a.Domain == "mid.test");
        mid.TeamId.Should().Be(teamId);
        mid.NewOwnerId.Should().Be(_manager, "the manager is the team's only member");
        assignments.Single(a => a.Domain == "small.test").TeamId.Should().NotBe(teamId, "11-50 is outside the mid-market territory");
    }

    [Fact]
    public async Task The_brief_is_built_from_the_stored_facts_and_cites_only_them()
    {
        var acme = await CompanyIdAsync(_northwind, "acme-outdoor.test");
        var facts = BriefBuilderTests.FullFacts();
        foreach (var (module, list) in facts)
        {
            await StoreFactsAsync(_northwind, acme, module, list);
        }

        await using var scope = _host.Scope(_northwind);
        var brief = await scope.ServiceProvider.GetRequiredService<ScoringQueries>().BriefAsync(acme);
        brief!.CompanyName.Should().Be("Acme Outdoor Supply");
        brief.Sections.Should().OnlyContain(s => s.Sentences.Count > 0);
        var stored = facts.SelectMany(m => m.Value.Select(f => (m.Key, f.Path, f.Value))).ToHashSet();
        brief.Sources().Should().OnlyContain(c => stored.Contains(new(c.Module, c.Path, c.Value)));
    }

    private async Task SaveIcpAsync(Guid tenant, IReadOnlyList<IcpCriterion> criteria, TierPolicy policy, int halfLifeDays = 90)
    {
        await using var scope = _host.Scope(tenant, _admin);
        var result = await scope.ServiceProvider.GetRequiredService<IcpSettings>().SaveAsync(criteria, policy, halfLifeDays);
        result.Errors.Should().BeEmpty();
    }

    private async Task<int> RescoreAsync(Guid tenant)
    {
        await using var scope = _host.Scope(tenant, _admin);
        var progress = new List<(int Done, int Total)>();
        var done = await scope.ServiceProvider.GetRequiredService<AccountScorer>().RescoreAllAsync("test", (d, t) => { progress.Add((d, t)); return Task.CompletedTask; });
        progress.Should().NotBeEmpty();
        progress[^1].Done.Should().Be(done);
        return done;
    }

    private Task<List<TierChange>> TierChangesAsync(Guid tenant) =>
        _host.AsSystemAsync(db => db.TierChanges.IgnoreQueryFilters().Where(t => t.TenantId == tenant).OrderBy(t => t.AtUtc).ToListAsync());

    private Task<Guid> CompanyIdAsync(Guid tenant, string domain) =>
        _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == tenant && c.Domain == domain).Select(c => c.Id).SingleAsync());

    private async Task StoreFactsAsync(Guid tenant, Guid company, string module, IReadOnlyList<Fact> facts)
    {
        await using var scope = _host.Scope(tenant);
        var runId = Guid.NewGuid();
        var recorded = await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(company, module, runId, CanonicalJson.FromFacts(facts), facts.Count);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var status = new EnrichmentStatus(company, module);
        status.Record(runId, ModuleOutcome.Ok, null, DateTime.UtcNow, recorded.SnapshotId);
        db.EnrichmentStatuses.Add(status);
        await db.SaveChangesAsync();
    }
}
