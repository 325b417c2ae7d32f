using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Accounts;

public sealed class AccountQueriesTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _tenant;
    private Guid _otherTenant;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_tenant, _otherTenant) = await _host.AsSystemAsync(async db =>
            (await db.Tenants.Where(t => t.Slug == "northwind").Select(t => t.Id).SingleAsync(),
             await db.Tenants.Where(t => t.Slug == "globex").Select(t => t.Id).SingleAsync()));
        await using var scope = _host.Scope(_tenant);
        var editor = scope.ServiceProvider.GetRequiredService<AccountEditor>();
        foreach (var (name, domain, country, industry, tags) in new[]
                 {
                     ("Zeta Industries", "zeta.example", "DE", "Manufacturing", "alpha, beta"),
                     ("Zenith Health", "zenith.example", "DE", "Healthcare", "beta"),
                     ("Yonder Travel", "yonder.example", "FR", "Travel", ""),
                     ("zebra labs", "zebralabs.example", "US", "Software", "alpha"),
                 })
        {
            var result = await editor.CreateAsync(new CompanyProfileInput(name, domain, industry, country, null, null, tags), null);
            result.Succeeded.Should().BeTrue(result.Describe());
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(IReadOnlyList<AccountRow> Rows, int Count)> QueryAsync(AccountFilter filter, AccountSort? sort = null, int skip = 0, int take = 25)
    {
        await using var scope = _host.Scope(_tenant);
        var queries = scope.ServiceProvider.GetRequiredService<AccountQueries>();
        return (await queries.PageAsync(filter, sort ?? new AccountSort(), skip, take), await queries.CountAsync(filter));
    }

    [Fact]
    public async Task Search_matches_name_or_domain_prefixes_case_insensitively()
    {
        var (rows, count) = await QueryAsync(new AccountFilter { Search = "ZE" });

        rows.Select(r => r.Name).Should().Equal("zebra labs", "Zenith Health", "Zeta Industries");
        count.Should().Be(3);
        (await QueryAsync(new AccountFilter { Search = "yonder.ex" })).Rows.Should().ContainSingle(r => r.Name == "Yonder Travel");
    }

    [Fact]
    public async Task Filters_combine_and_sorting_and_paging_are_stable()
    {
        var (rows, count) = await QueryAsync(new AccountFilter { Country = "DE", Tag = "BETA" }, new AccountSort(AccountSortColumn.Name, Descending: true));

        rows.Select(r => r.Name).Should().Equal("Zeta Industries", "Zenith Health");
        count.Should().Be(2);
        rows[0].Tags.Should().Equal("alpha", "beta");

        var all = await QueryAsync(new AccountFilter(), new AccountSort(AccountSortColumn.Domain), 0, 200);
        var paged = new List<string>();
        for (var skip = 0; skip < all.Count; skip += 3)
        {
            paged.AddRange((await QueryAsync(new AccountFilter(), new AccountSort(AccountSortColumn.Domain), skip, 3)).Rows.Select(r => r.Domain));
        }

        paged.Should().Equal(all.Rows.Select(r => r.Domain));
        paged.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Every_filter_selects_the_same_accounts_whatever_the_sort()
    {
        // Non-name sorts take another query shape on SQLite (scan in sort order); results must not change.
        var (all, _) = await QueryAsync(new AccountFilter(), take: 200);
        var owner = all.First(r => r.OwnerId is not null).OwnerId!.Value;
        var filters = new[]
        {
            new AccountFilter { Country = "DE" },
            new AccountFilter { Industry = "Healthcare" },
            new AccountFilter { OwnerId = Guid.Empty },
            new AccountFilter { OwnerId = owner },
            new AccountFilter { Country = "DE", Industry = "Manufacturing", Tag = "alpha" },
        };
        foreach (var filter in filters)
        {
            var expected = all.Where(r =>
                (filter.Country is null || r.Country == filter.Country) && (filter.Industry is null || r.Industry == filter.Industry)
                && (filter.OwnerId is null || (filter.OwnerId == Guid.Empty ? r.OwnerId == null : r.OwnerId == filter.OwnerId))
                && (filter.Tag is null || r.Tags.Contains(filter.Tag))).Select(r => r.Id).ToList();
            expected.Should().NotBeEmpty("filter {0} should match something", filter);
            foreach (var column in Enum.GetValues<AccountSortColumn>())
            {
                var (rows, count) = await QueryAsync(filter, new AccountSort(column, column == AccountSortColumn.UpdatedAt), take: 200);
                rows.Select(r => r.Id).Should().BeEquivalentTo(expected, "filter {0} sorted by {1}", filter, column);
                count.Should().Be(expected.Count);
            }
        }
    }

    [Fact]
    public async Task Owner_filter_finds_owned_and_unowned_accounts()
    {
        var (unowned, _) = await QueryAsync(new AccountFilter { OwnerId = Guid.Empty }, take: 200);
        var (all, total) = await QueryAsync(new AccountFilter(), take: 200);

        unowned.Should().OnlyContain(r => r.OwnerId == null).And.Contain(r => r.Name == "Yonder Travel");
        all.Where(r => r.OwnerId is not null).Should().NotBeEmpty().And.OnlyContain(r => r.OwnerName != null);
        total.Should().Be(all.Count);
    }

    [Fact]
    public async Task Queries_never_return_another_tenants_accounts()
    {
        var foreign = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _otherTenant).Select(c => c.Id).ToListAsync());
        var (rows, count) = await QueryAsync(new AccountFilter(), take: 200);

        foreign.Should().NotBeEmpty();
        rows.Select(r => r.Id).Should().NotIntersectWith(foreign);
        count.Should().Be(rows.Count);
    }
}
