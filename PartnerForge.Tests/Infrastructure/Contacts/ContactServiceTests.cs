using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Contacts;

/// <summary>Contacts on the real infrastructure (SQLite file, demo workspace): one per address, names not ids, tenant isolation.</summary>
public sealed class ContactServiceTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_northwind, _globex) = await _host.AsSystemAsync(async db =>
        {
            var tenants = await db.Tenants.ToListAsync();
            return (tenants.Single(t => t.Slug == "northwind").Id, tenants.Single(t => t.Slug == "globex").Id);
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ContactInput Dana(string email = "dana@acme-outdoor.test") =>
        new("Dana Reyes", "VP Marketing", email, "+1 555 0100", "America/Denver", CommitteeRole.EconomicBuyer, LawfulBasis.LegitimateInterest, null);

    [Fact]
    public async Task A_contact_is_added_to_an_account_listed_with_the_accounts_and_owners_names_edited_and_removed()
    {
        var (account, owner) = await AccountAndUserAsync(_northwind, "rep@northwind.test");
        await using var scope = _host.Scope(_northwind);
        var contacts = scope.ServiceProvider.GetRequiredService<ContactService>();

        var created = await contacts.CreateAsync(account, Dana(), owner);

        created.Succeeded.Should().BeTrue(created.Message);
        var row = (await contacts.ForAccountAsync(account)).Should().ContainSingle().Subject;
        row.FullName.Should().Be("Dana Reyes");
        row.CompanyName.Should().NotBeNullOrWhiteSpace().And.NotBe(account.ToString());
        row.OwnerName.Should().NotBeNullOrWhiteSpace().And.NotContain("@");
        (await contacts.UpdateAsync(created.Value, Dana() with { Title = "CMO" }, owner)).Succeeded.Should().BeTrue();
        (await contacts.FindAsync(created.Value))!.Title.Should().Be("CMO");
        (await contacts.DeleteAsync(created.Value)).Succeeded.Should().BeTrue();
        (await contacts.ForAccountAsync(account)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_second_contact_with_the_same_address_in_any_case_is_a_conflict_on_the_email_field_naming_the_first()
    {
        var (account, _) = await AccountAndUserAsync(_northwind, "rep@northwind.test");
        await using var scope = _host.Scope(_northwind);
        var contacts = scope.ServiceProvider.GetRequiredService<ContactService>();
        (await contacts.CreateAsync(account, Dana("sam@brightline.test") with { FullName = "Sam Lee" }, null)).Succeeded.Should().BeTrue();

        var again = await contacts.CreateAsync(account, Dana("SAM@Brightline.test"), null);

        again.Kind.Should().Be(ErrorKind.Conflict);
        again.Errors.Should().ContainKey(nameof(ContactInput.Email));
        again.Message.Should().Contain("Sam Lee");
    }

    [Fact]
    public async Task Another_workspaces_account_and_contacts_are_out_of_reach()
    {
        var (globexAccount, _) = await AccountAndUserAsync(_globex, "rep@globex.test");
        Guid globexContact;
        await using (var globex = _host.Scope(_globex))
        {
            globexContact = (await globex.ServiceProvider.GetRequiredService<ContactService>().CreateAsync(globexAccount, Dana("lee@globex-client.test"), null)).Value;
        }

        await using var scope = _host.Scope(_northwind);
        var contacts = scope.ServiceProvider.GetRequiredService<ContactService>();
        (await contacts.CreateAsync(globexAccount, Dana("x@northwind-client.test"), null)).IsNotFound.Should().BeTrue();
        (await contacts.ForAccountAsync(globexAccount)).Should().BeEmpty();
        (await contacts.FindAsync(globexContact)).Should().BeNull();
        (await contacts.DeleteAsync(globexContact)).IsNotFound.Should().BeTrue();
        (await contacts.CreateAsync((await AccountAndUserAsync(_northwind, "rep@northwind.test")).Account, Dana("lee@globex-client.test"), null)).Succeeded
            .Should().BeTrue("an address is unique within a workspace, not across them");
    }

    [Fact]
    public async Task An_owner_from_another_workspace_is_refused_on_the_owner_field()
    {
        var (account, _) = await AccountAndUserAsync(_northwind, "rep@northwind.test");
        var (_, globexUser) = await AccountAndUserAsync(_globex, "rep@globex.test");
        await using var scope = _host.Scope(_northwind);

        var result = await scope.ServiceProvider.GetRequiredService<ContactService>().CreateAsync(account, Dana("owner@acme.test"), globexUser);

        result.Kind.Should().Be(ErrorKind.Validation);
        result.Errors.Should().ContainKey("OwnerId");
    }

    private Task<(Guid Account, Guid User)> AccountAndUserAsync(Guid tenantId, string email) =>
        _host.AsSystemAsync(async db => (
            await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == tenantId).OrderBy(c => c.Name).Select(c => c.Id).FirstAsync(),
            await db.Users.IgnoreQueryFilters().Where(u => u.TenantId == tenantId).OrderBy(u => u.Email == email ? 0 : 1).Select(u => u.Id).FirstAsync()));
}
