using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Playbook;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Playbook;

/// <summary>The playbook services over real SQLite: validation, auditing, and each tenant seeing only its own evidence, competitive list and title rules.</summary>
public sealed class PlaybookIsolationTests : IAsyncLifetime
{
    private InfrastructureHost host = null!;
    private Guid northwind;
    private Guid globex;

    public async Task InitializeAsync()
    {
        host = await InfrastructureHost.StartAsync();
        (northwind, globex) = await host.AsSystemAsync(async db =>
        {
            var tenants = await db.Tenants.ToListAsync();
            return (tenants.Single(t => t.Slug == "northwind").Id, tenants.Single(t => t.Slug == "globex").Id);
        });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_demo_tenants_are_seeded_with_their_own_playbook()
    {
        var rows = await host.AsSystemAsync(async db => new
        {
            Rules = await db.TitleRules.IgnoreQueryFilters().GroupBy(r => r.TenantId).Select(g => g.Count()).ToListAsync(),
            Competitors = await db.DisplacementRules.IgnoreQueryFilters().Where(r => r.TenantId == northwind).Select(r => r.CompetitorProduct).ToListAsync(),
            Evidence = await db.EvidenceItems.IgnoreQueryFilters().CountAsync(),
        });
        rows.Rules.Should().Equal(TitleRules.Defaults.Count, TitleRules.Defaults.Count);
        rows.Competitors.Should().BeEquivalentTo(["Algolia", "Coveo", "Elasticsearch", "Bloomreach Discovery", "Constructor.io", "Klevu", "Searchspring", "Lucidworks Fusion", "Yext Answers", "Elastic App Search"],
            "the demo tenants start from the list the configuration used to hold");
        rows.Evidence.Should().BeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task Evidence_is_validated_audited_and_invisible_to_another_tenant()
    {
        Guid id;
        await using (var scope = host.Scope(northwind))
        {
            var library = scope.ServiceProvider.GetRequiredService<EvidenceLibrary>();
            var bad = await library.SaveAsync(null, new EvidenceInput { Title = "", Body = "x", SizeBand = "lots", Url = "javascript:alert(1)" });
            bad.Kind.Should().Be(ErrorKind.Validation);
            bad.FieldMessages().Keys.Should().BeEquivalentTo(["Title", "SizeBand", "Url"]);

            var saved = await library.SaveAsync(null, new EvidenceInput { Kind = EvidenceKind.ProofPoint, Title = "Northwind secret proof", Body = "99.99% uptime", Industry = "Retail", Technologies = "Algolia, algolia, Shopify" });
            saved.Succeeded.Should().BeTrue(saved.Describe());
            id = saved.Value;
            (await library.GetAsync(id))!.Technologies.Should().Equal("Algolia", "Shopify");
            var duplicate = await library.SaveAsync(null, new EvidenceInput { Title = "Northwind secret proof", Body = "again" });
            duplicate.Kind.Should().Be(ErrorKind.Conflict);
            duplicate.FieldMessages()["Title"].Should().Contain("exists already");
            (await library.ListAsync("secret")).Should().ContainSingle(e => e.Id == id);
            var other = (await library.SaveAsync(null, new EvidenceInput { Title = "Another proof", Body = "x" })).Value;
            (await library.SaveAsync(other, new EvidenceInput { Title = "Northwind secret proof", Body = "renamed onto it" })).FieldMessages()["Title"].Should().Contain("exists already");
            (await library.SaveAsync(id, new EvidenceInput { Kind = EvidenceKind.ProofPoint, Title = "Northwind secret proof", Body = "99.99% uptime, edited", Technologies = "Algolia, Shopify" })).Succeeded.Should().BeTrue("an item keeps its own title when edited");
        }

        await using (var scope = host.Scope(globex))
        {
            var library = scope.ServiceProvider.GetRequiredService<EvidenceLibrary>();
            (await library.ListAsync()).Should().NotContain(e => e.Id == id || e.Title.Contains("Northwind", StringComparison.Ordinal));
            (await library.GetAsync(id)).Should().BeNull();
            (await library.SaveAsync(id, new EvidenceInput { Title = "Hijacked", Body = "x" })).Message.Should().Be("That evidence item does not exist in this workspace.");
            (await library.DeleteAsync(id)).Kind.Should().Be(ErrorKind.NotFound);
            (await library.SaveAsync(null, new EvidenceInput { Title = "Northwind secret proof", Body = "Globex may use the same title" })).Succeeded.Should().BeTrue("titles are unique per tenant only");
        }

        var (title, audited) = await host.AsSystemAsync(async db => (
            (await db.EvidenceItems.IgnoreQueryFilters().SingleAsync(e => e.Id == id)).Title,
            await db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.EntityId == id && a.TenantId == northwind)));
        title.Should().Be("Northwind secret proof");
        audited.Should().BeTrue("evidence items are IAudited");
    }

    [Fact]
    public async Task Competitive_lists_and_title_rules_are_per_tenant()
    {
        Guid line, rule;
        await using (var scope = host.Scope(northwind))
        {
            line = (await scope.ServiceProvider.GetRequiredService<CompetitiveList>().AddAsync("Northwind Chat", "Intercom")).Value;
            rule = (await scope.ServiceProvider.GetRequiredService<TitleRuleService>().SaveAsync(null, 2, CommitteeRole.Champion, "Head of Search")).Value;
            (await scope.ServiceProvider.GetRequiredService<TenantCompetitorProducts>().ForTenantAsync(northwind, CancellationToken.None)).Should().Contain("Intercom");
        }

        await using (var scope = host.Scope(globex))
        {
            var list = scope.ServiceProvider.GetRequiredService<CompetitiveList>();
            (await list.ListAsync()).Should().NotContain(l => l.Id == line || l.CompetitorProduct == "Intercom").And.OnlyContain(l => l.OurProduct == "Globex Discovery");
            (await list.DeleteAsync(line)).IsNotFound.Should().BeTrue();
            var competitors = scope.ServiceProvider.GetRequiredService<TenantCompetitorProducts>();
            (await competitors.ForTenantAsync(globex, CancellationToken.None)).Should().NotContain("Intercom");
            (await competitors.ForTenantAsync(northwind, CancellationToken.None)).Should().BeEmpty("a Globex scope never reads Northwind's rows, even when asked for them");

            var rules = scope.ServiceProvider.GetRequiredService<TitleRuleService>();
            (await rules.ListAsync()).Should().NotContain(r => r.Id == rule || r.Keywords.Contains("Head of Search", StringComparison.Ordinal));
            (await rules.SaveAsync(rule, 1, CommitteeRole.User, "Hijack")).Kind.Should().Be(ErrorKind.NotFound);
            (await rules.DeleteAsync(rule)).Message.Should().Be("That title rule does not exist in this workspace.");
            (await rules.SaveAsync(null, 1, CommitteeRole.User, " , ")).FieldMessages()["Keywords"].Should().Contain("at least one keyword");
        }

        var stored = await host.AsSystemAsync(db => db.TitleRules.IgnoreQueryFilters().SingleAsync(r => r.Id == rule));
        stored.Keywords.Should().Be("Head of Search");
        stored.TenantId.Should().Be(northwind);
    }

    [Fact]
    public async Task A_tenant_created_later_gets_the_default_title_rules_on_first_use()
    {
        var tenantId = await host.AsSystemAsync(async db =>
        {
            var tenant = new PartnerForge.Domain.Tenancy.Tenant("Initech", "initech", DateTime.UtcNow, "UTC");
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
            return tenant.Id;
        });
        await using var scope = host.Scope(tenantId);
        var rules = await scope.ServiceProvider.GetRequiredService<TitleRuleService>().ListAsync();
        rules.Select(r => r.Role).Should().Equal(TitleRules.Defaults.Select(d => d.Role));
        (await scope.ServiceProvider.GetRequiredService<CompetitiveList>().ListAsync()).Should().BeEmpty();
        (await scope.ServiceProvider.GetRequiredService<EvidenceLibrary>().ListAsync()).Should().BeEmpty();
    }
}
