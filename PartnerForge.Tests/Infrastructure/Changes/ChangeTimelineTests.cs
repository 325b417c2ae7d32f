using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Changes;

public sealed class ChangeTimelineTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private List<Guid> _companies = [];
    private Guid _globexCompany;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        await _host.AsSystemAsync(async db =>
        {
            var tenants = await db.Tenants.ToDictionaryAsync(t => t.Slug, t => t.Id);
            _northwind = tenants["northwind"];
            _globex = tenants["globex"];
            _companies = await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _northwind).Select(c => c.Id).ToListAsync();
            _globexCompany = await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == _globex).Select(c => c.Id).FirstAsync();
            return 0;
        });
        await InsertAsync(_northwind, Enumerable.Range(0, 230).Select(i => (_companies[i % _companies.Count], i)));
        await InsertAsync(_globex, Enumerable.Range(0, 40).Select(i => (_globexCompany, i)));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task InsertAsync(Guid tenant, IEnumerable<(Guid Company, int I)> rows)
    {
        await using var scope = _host.Scope(tenant);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (company, i) in rows)
        {
            // Every 10 events share one instant, so paging must use the id as tie-breaker.
            var change = new DetectedChange(i % 2 == 0 ? "M02" : "M07", i % 2 == 0 ? $"tech[T{i % 7}]" : $"trigger.funding[{i}]",
                (ChangeKind)(i % 3), "old", "new", i % 100, "test", i % 2 == 0 ? $"T{i % 7}" : null);
            db.ChangeEvents.Add(new ChangeEvent(company, Guid.NewGuid(), null, change, start.AddMinutes(i / 10 * 30)));
        }

        await db.SaveChangesAsync();
    }

    private async Task<List<TimelineItem>> AllPagesAsync(Guid tenant, TimelineFilter filter, int pageSize)
    {
        await using var scope = _host.Scope(tenant);
        var timeline = scope.ServiceProvider.GetRequiredService<ChangeTimeline>();
        var all = new List<TimelineItem>();
        TimelineCursor? cursor = null;
        do
        {
            var page = await timeline.PageAsync(filter, cursor, pageSize);
            page.Items.Count.Should().BeLessThanOrEqualTo(pageSize);
            all.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);

        return all;
    }

    [Fact]
    public async Task Keyset_pages_walk_every_event_of_the_tenant_once_newest_first()
    {
        var all = await AllPagesAsync(_northwind, new TimelineFilter(), 17);

        all.Should().HaveCount(230);
        all.Select(i => i.Id).Should().OnlyHaveUniqueItems();
        all.Select(i => i.DetectedAtUtc).Should().BeInDescendingOrder();
        all.Should().OnlyContain(i => _companies.Contains(i.CompanyId), "another tenant's events never appear");
    }

    [Fact]
    public async Task Filters_narrow_the_timeline()
    {
        var filter = new TimelineFilter { Module = "M02", MinSignificance = 50, Kind = ChangeKind.Added, Technology = "T3" };
        var expected = Enumerable.Range(0, 230).Count(i => i % 2 == 0 && i % 100 >= 50 && i % 3 == 0 && i % 7 == 3);

        var items = await AllPagesAsync(_northwind, filter, 5);

        items.Should().HaveCount(expected).And.OnlyContain(i => i.Module == "M02" && i.Significance >= 50 && i.Kind == ChangeKind.Added && i.Technology == "T3");
        var one = await AllPagesAsync(_northwind, new TimelineFilter { CompanyId = _companies[0] }, 50);
        one.Should().HaveCount(Enumerable.Range(0, 230).Count(i => i % _companies.Count == 0));
        var range = await AllPagesAsync(_northwind, new TimelineFilter
        {
            FromUtc = new DateTime(2026, 11, 1, 1, 0, 0, DateTimeKind.Utc), ToUtc = new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc),
        }, 50);
        range.Should().HaveCount(20, "two 30-minute steps of ten events each");
        (await AllPagesAsync(_globex, new TimelineFilter { CompanyId = _companies[0] }, 50)).Should().BeEmpty();
    }
}
