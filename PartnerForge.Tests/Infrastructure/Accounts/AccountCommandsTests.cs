using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Auditing;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Tests.Support;
using PartnerForge.Infrastructure.Application;

namespace PartnerForge.Tests.Infrastructure.Accounts;

/// <summary>Editing, bulk actions, merging and saved views on a real database, inside one tenant.</summary>
public sealed class AccountCommandsTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _tenant;
    private Guid _rep;
    private Guid _manager;
    private Guid _foreignCompany;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_tenant, _rep, _manager, _foreignCompany) = await _host.AsSystemAsync(async db =>
        {
            var users = await db.Users.IgnoreQueryFilters().ToDictionaryAsync(u => u.Email, u => u);
            var foreign = await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == users["rep@globex.test"].TenantId).Select(c => c.Id).FirstAsync();
            return (users["rep@northwind.test"].TenantId, users["rep@northwind.test"].Id, users["manager@northwind.test"].Id, foreign);
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<T> AsRepAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _host.Scope(_tenant, _rep);
        return await work(scope.ServiceProvider);
    }

    private Task<Guid> CreateAsync(string name, string domain, string? country = null, string? industry = null, string? tags = null) =>
        AsRepAsync(async sp =>
        {
            var result = await sp.GetRequiredService<AccountEditor>().CreateAsync(new CompanyProfileInput(name, domain, industry, country, null, null, tags), null);
            result.Succeeded.Should().BeTrue(result.Describe());
            return result.Value;
        });

    [Fact]
    public async Task Invalid_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        var result = await AsRepAsync(sp => sp.GetRequiredService<AccountEditor>()
            .CreateAsync(new CompanyProfileInput(" ", "not a domain", null, "Atlantis", "lots", "$5", null), null));

        result.Kind.Should().Be(ErrorKind.Validation);
        result.Errors.Keys.Should().BeEquivalentTo("Name", "Domain", "Country", "EmployeeBand", "RevenueBand");
        result.FieldMessages()["Country"].Should().Contain("Atlantis");
    }

    [Fact]
    public async Task A_domain_already_used_in_the_tenant_is_refused_with_the_account_that_has_it()
    {
        await CreateAsync("First Co", "first-co.example");

        var result = await AsRepAsync(sp => sp.GetRequiredService<AccountEditor>()
            .CreateAsync(new CompanyProfileInput("Second Co", "https://www.First-Co.example/team", null, null, null, null, null), null));

        result.Kind.Should().Be(ErrorKind.Conflict);
        result.FieldMessages()["Domain"].Should().Be("first-co.example is already the domain of First Co.");
    }

    [Fact]
    public async Task Editing_normalizes_values_replaces_tags_and_is_audited_with_before_and_after()
    {
        var id = await CreateAsync("Edit Co", "edit.example", "DE", "Retail", "a, b");

        var result = await AsRepAsync(sp => sp.GetRequiredService<AccountEditor>()
            .UpdateAsync(id, new CompanyProfileInput("Edit Company", "edit.example", "Retail", "france", "120", "10M-50M", "b; c"), _manager));

        result.Succeeded.Should().BeTrue(result.Describe());
        var details = await AsRepAsync(sp => sp.GetRequiredService<AccountQueries>().GetAsync(id));
        details!.Name.Should().Be("Edit Company");
        details.Country.Should().Be("FR");
        details.EmployeeBand.Should().Be("51-200");
        details.OwnerId.Should().Be(_manager);
        details.Tags.Should().Equal("b", "c");
        var history = await AsRepAsync(sp => sp.GetRequiredService<AccountQueries>().HistoryAsync(id));
        history[0].Action.Should().Be(AuditAction.Updated);
        history[0].Who.Should().Be("Riley Rep");
        history[0].Changes.Should().ContainEquivalentOf(new FieldChange("name", "Edit Co", "Edit Company"), o => o.Excluding(c => c.Sentence))
            .And.ContainEquivalentOf(new FieldChange("country", "DE", "FR"), o => o.Excluding(c => c.Sentence));
        history[0].Changes.Select(c => c.Sentence).Should().Contain("Riley Rep changed the country from DE to FR");
    }

    [Fact]
    public async Task Another_tenants_account_cannot_be_edited()
    {
        var result = await AsRepAsync(sp => sp.GetRequiredService<AccountEditor>()
            .UpdateAsync(_foreignCompany, new CompanyProfileInput("Mine now", "mine.example", null, null, null, null, null), null));

        result.Kind.Should().Be(ErrorKind.NotFound);
        (await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.Id == _foreignCompany).Select(c => c.Name).SingleAsync()))
            .Should().NotBe("Mine now");
    }

    [Fact]
    public async Task Bulk_actions_work_on_a_selection_and_on_a_filtered_set()
    {
        var a = await CreateAsync("Bulk A", "bulk-a.example", "NL");
        var b = await CreateAsync("Bulk B", "bulk-b.example", "NL");
        var c = await CreateAsync("Bulk C", "bulk-c.example", "NL");
        var nl = AccountSelection.Matching(new AccountFilter { Country = "NL" });

        (await AsRepAsync(sp => sp.GetRequiredService<AccountBulkActions>().AssignOwnerAsync(AccountSelection.Of([a, b]), _manager))).Value!.Affected.Should().Be(2);
        (await AsRepAsync(sp => sp.GetRequiredService<AccountBulkActions>().AddTagAsync(nl, "Benelux"))).Value!.Affected.Should().BeGreaterThanOrEqualTo(3);
        (await AsRepAsync(sp => sp.GetRequiredService<AccountBulkActions>().AddTagAsync(nl, "benelux"))).Value!.Affected.Should().Be(0, "the tag is already there");

        var tagged = await AsRepAsync(sp => sp.GetRequiredService<AccountQueries>().PageAsync(new AccountFilter { Tag = "benelux" }, new AccountSort(), 0, 200));
        tagged.Select(r => r.Id).Should().Contain([a, b, c]);
        tagged.Where(r => r.Id == a || r.Id == b).Should().OnlyContain(r => r.OwnerId == _manager);
        tagged.Single(r => r.Id == c).OwnerId.Should().BeNull();

        (await AsRepAsync(sp => sp.GetRequiredService<AccountBulkActions>().DeleteAsync(AccountSelection.Of([c, _foreignCompany])))).Value!.Affected.Should().Be(1, "another tenant's account is not part of any selection");
        (await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().AnyAsync(x => x.Id == _foreignCompany))).Should().BeTrue();
        (await _host.AsSystemAsync(db => db.CompanyTags.IgnoreQueryFilters().AnyAsync(t => t.CompanyId == c))).Should().BeFalse("tags go with their account");
    }

    [Fact]
    public async Task Assigning_an_owner_from_another_tenant_is_refused()
    {
        var id = await CreateAsync("Owner Co", "owner-co.example");
        var foreignUser = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "rep@globex.test").Select(u => u.Id).SingleAsync());

        var result = await AsRepAsync(sp => sp.GetRequiredService<AccountBulkActions>().AssignOwnerAsync(AccountSelection.Of([id]), foreignUser));

        result.Succeeded.Should().BeFalse();
        (await AsRepAsync(sp => sp.GetRequiredService<AccountQueries>().GetAsync(id)))!.OwnerId.Should().BeNull();
    }

    [Fact]
    public async Task Merging_keeps_the_survivors_values_fills_gaps_unions_tags_and_records_the_merge()
    {
        var survivor = await CreateAsync("Merge Corp", "merge-corp.example", null, "Retail", "alpha");
        var duplicate = await CreateAsync("Merge Corporation", "mergecorporation.example", "GB", "Wholesale", "beta, ALPHA");

        var result = await AsRepAsync(sp => sp.GetRequiredService<AccountMerger>().MergeAsync(survivor, duplicate));

        result.Succeeded.Should().BeTrue(result.Describe());
        var merged = await AsRepAsync(sp => sp.GetRequiredService<AccountQueries>().GetAsync(survivor));
        merged!.Industry.Should().Be("Retail");
        merged.Country.Should().Be("GB");
        merged.Tags.Should().BeEquivalentTo("alpha", "beta");
        (await AsRepAsync(sp => sp.GetRequiredService<AccountQueries>().GetAsync(duplicate))).Should().BeNull();
        var record = await _host.AsSystemAsync(db => db.CompanyMerges.IgnoreQueryFilters().SingleAsync(m => m.MergedId == duplicate));
        record.SurvivorId.Should().Be(survivor);
        record.ByUserId.Should().Be(_rep);
        record.MergedDomain.Should().Be("mergecorporation.example");
        record.MergedSnapshot.Should().Contain("Wholesale");

        var foreign = await AsRepAsync(sp => sp.GetRequiredService<AccountMerger>().MergeAsync(survivor, _foreignCompany));
        (foreign.Kind, foreign.Describe()).Should().Be((ErrorKind.NotFound, "One of the accounts no longer exists in your workspace."));
        var same = await AsRepAsync(sp => sp.GetRequiredService<AccountMerger>().MergeAsync(survivor, survivor));
        (same.Kind, same.Describe()).Should().Be((ErrorKind.Validation, "Choose two different accounts."));
    }

    [Fact]
    public async Task Merging_moves_deals_to_the_survivor_and_accounts_with_deals_are_not_bulk_deleted()
    {
        var survivor = await CreateAsync("Deal Keep", "deal-keep.example");
        var duplicate = await CreateAsync("Deal Dup", "deal-dup.example");
        var dealId = await AsRepAsync(async sp =>
        {
            var pipeline = sp.GetRequiredService<PartnerForge.Infrastructure.Pipeline.PipelineService>();
            var stage = (await pipeline.StagesAsync())[0];
            var saved = await pipeline.SaveDealAsync(null, new PartnerForge.Domain.Pipeline.DealInput
            {
                CompanyId = duplicate, Title = "Platform deal", OwnerId = _rep, StageId = stage.Id, Amount = 12_000m, Currency = "USD",
                ExpectedCloseDate = DateTime.UtcNow.Date.AddDays(30),
            });
            saved.Succeeded.Should().BeTrue(saved.Describe());
            return saved.Value!.DealId;
        });

        var deleted = await AsRepAsync(sp => sp.GetRequiredService<AccountBulkActions>().DeleteAsync(AccountSelection.Of([duplicate])));
        deleted.Value!.Affected.Should().Be(0);
        deleted.Value.Note.Should().Contain("1 accounts with deals were kept");

        (await AsRepAsync(sp => sp.GetRequiredService<AccountMerger>().MergeAsync(survivor, duplicate))).Succeeded.Should().BeTrue();
        var deals = await AsRepAsync(sp => sp.GetRequiredService<PartnerForge.Infrastructure.Pipeline.PipelineService>().ForCompanyAsync(survivor));
        deals.Should().ContainSingle(d => d.Id == dealId);
    }

    [Fact]
    public async Task Saved_views_are_private_unless_shared()
    {
        var definition = new AccountViewDefinition(new AccountFilter { Country = "DE" }, new AccountSort(AccountSortColumn.UpdatedAt, true), ["Domain", "Tier"], 50);
        await AsRepAsync(sp => sp.GetRequiredService<SavedViews>().SaveAsync("German accounts", definition, shared: false));
        await AsRepAsync(sp => sp.GetRequiredService<SavedViews>().SaveAsync("Team view", definition, shared: true));

        await using var managerScope = _host.Scope(_tenant, _manager);
        var managerViews = await managerScope.ServiceProvider.GetRequiredService<SavedViews>().ListAsync();
        var repViews = await AsRepAsync(sp => sp.GetRequiredService<SavedViews>().ListAsync());

        repViews.Select(v => v.Name).Should().Equal("German accounts", "Team view");
        repViews[0].Definition.Should().BeEquivalentTo(definition);
        managerViews.Should().ContainSingle().Which.Should().Match<SavedViewItem<AccountViewDefinition>>(v => v.Name == "Team view" && !v.IsMine);
        (await managerScope.ServiceProvider.GetRequiredService<SavedViews>().DeleteAsync(managerViews[0].Id)).Should().BeFalse("only the owner deletes a view");
    }
}
