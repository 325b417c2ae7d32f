using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Common;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;
using PartnerForge.Infrastructure.Application;

namespace PartnerForge.Tests.Infrastructure.Tenancy;

/// <summary>Tenant A's services cannot read or change tenant B's rows, on a real SQLite database.</summary>
public sealed class TenantIsolationTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private Guid _globexCompany;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_northwind, _globex, _globexCompany) = await _host.AsSystemAsync(async db =>
        {
            var tenants = await db.Tenants.ToDictionaryAsync(t => t.Slug, t => t.Id);
            var company = await db.Companies.IgnoreQueryFilters().FirstAsync(c => c.TenantId == tenants["globex"]);
            return (tenants["northwind"], tenants["globex"], company.Id);
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_tenant_lists_only_its_own_companies()
    {
        await using var scope = _host.Scope(_northwind);
        var companies = await scope.ServiceProvider.GetRequiredService<AccountQueries>().PageAsync(new AccountFilter(), new AccountSort(), 0, 200);

        var all = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().ToListAsync());
        companies.Should().NotBeEmpty();
        companies.Select(c => c.Id).Should().BeEquivalentTo(all.Where(c => c.TenantId == _northwind).Select(c => c.Id));
        all.Should().Contain(c => c.TenantId == _globex, "the other tenant has companies that must stay hidden");
    }

    [Fact]
    public async Task Another_tenants_company_is_not_found_by_id()
    {
        await using var scope = _host.Scope(_northwind);
        var found = await scope.ServiceProvider.GetRequiredService<AccountQueries>().GetAsync(_globexCompany);

        found.Should().BeNull();
    }

    [Fact]
    public async Task Another_tenants_company_cannot_be_renamed()
    {
        await using (var scope = _host.Scope(_northwind))
        {
            var result = await scope.ServiceProvider.GetRequiredService<AccountEditor>()
                .UpdateAsync(_globexCompany, new CompanyProfileInput("Hijacked", "hijacked.example", null, null, null, null, null), null);
            result.Kind.Should().Be(ErrorKind.NotFound);
        }

        var name = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Id == _globexCompany).Select(c => c.Name).SingleAsync());
        name.Should().NotBe("Hijacked");
    }

    [Fact]
    public async Task Writing_a_row_of_another_tenant_is_refused_even_when_attached_directly()
    {
        var foreign = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == _globexCompany));
        await using var scope = _host.Scope(_northwind);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        foreign.Rename("Hijacked", DateTime.UtcNow);
        db.Companies.Update(foreign);

        var save = () => db.SaveChangesAsync();

        await save.Should().ThrowAsync<TenantMismatchException>();
    }

    [Fact]
    public async Task New_rows_are_stamped_with_the_current_tenant()
    {
        await using var scope = _host.Scope(_globex);
        var created = await scope.ServiceProvider.GetRequiredService<AccountEditor>()
            .CreateAsync(new CompanyProfileInput("Stamped Co", "https://www.Stamped.example/about", null, null, null, null, null), null);

        var stored = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().SingleAsync(c => c.Id == created.Value));
        stored.TenantId.Should().Be(_globex);
        stored.Domain.Should().Be("stamped.example");
    }

    [Fact]
    public async Task Without_a_tenant_queries_see_nothing_and_writes_are_refused()
    {
        await using var scope = _host.Scope(tenantId: null);
        var queries = scope.ServiceProvider.GetRequiredService<AccountQueries>();
        var editor = scope.ServiceProvider.GetRequiredService<AccountEditor>();

        (await queries.CountAsync(new AccountFilter())).Should().Be(0);
        var create = () => editor.CreateAsync(new CompanyProfileInput("Orphan", "orphan.example", null, null, null, null, null), null);
        await create.Should().ThrowAsync<InvalidOperationException>().WithMessage("*no current tenant*");
    }

    [Fact]
    public async Task Every_tenant_owned_entity_has_the_tenant_filter()
    {
        await using var scope = _host.Scope(_northwind);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();

        var tenantOwned = db.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList();

        tenantOwned.Should().NotBeEmpty();
        tenantOwned.Should().OnlyContain(e => e.GetDeclaredQueryFilters().Count > 0, "every tenant-owned entity must be filtered by tenant");
        (await db.Users.AnyAsync(u => u.TenantId == _globex)).Should().BeFalse();
        (await db.Teams.AnyAsync(t => t.TenantId == _globex)).Should().BeFalse();
        (await db.Territories.AnyAsync(t => t.TenantId == _globex)).Should().BeFalse();
        (await db.Users.AnyAsync()).Should().BeTrue();
    }
}
