using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Contacts;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Contacts;

namespace PartnerForge.Tests.Infrastructure.Crm;

/// <summary>The batch creates a CRM page is written with: one save, with the single create's checks per input.</summary>
public sealed class BatchCreateTests : IAsyncLifetime
{
    private CrmFixture _f = null!;

    public async Task InitializeAsync() => _f = await CrmFixture.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Many_accounts_are_created_at_once_and_a_taken_repeated_or_invalid_one_is_refused_alone()
    {
        var results = await _f.AsAdminAsync(s => s.GetRequiredService<AccountEditor>().CreateManyAsync(
        [
            (new CompanyProfileInput("New One", "new-one.example", "Software", "DE", null, null, "crm"), _f.Admin),
            (new CompanyProfileInput("Acme again", "acme-outdoor.test", null, null, null, null, null), null),
            (new CompanyProfileInput("New One twice", "https://www.new-one.example/", null, null, null, null, null), null),
            (new CompanyProfileInput("", "nameless.example", null, "Atlantis", null, null, null), null),
            (new CompanyProfileInput("Owned by a stranger", "stranger.example", null, null, null, null, null), Guid.NewGuid()),
            (new CompanyProfileInput("New Two", "new-two.example", null, null, null, null, null), null),
        ]));

        results.Select(r => r.Kind).Should().Equal(ErrorKind.None, ErrorKind.Conflict, ErrorKind.Conflict, ErrorKind.Validation, ErrorKind.Validation, ErrorKind.None);
        results[1].Describe().Should().Contain("Acme Outdoor Supply");
        results[3].Errors.Keys.Should().BeEquivalentTo(["Name", "Country"]);
        var one = await _f.DbAsync(db => db.Companies.SingleAsync(c => c.Id == results[0].Value));
        (one.Name, one.Domain, one.Country, one.OwnerId).Should().Be(("New One", "new-one.example", "DE", _f.Admin));
        (await _f.DbAsync(db => db.CompanyTags.CountAsync(t => t.CompanyId == one.Id))).Should().Be(1);
        (await _f.DbAsync(db => db.Companies.CountAsync(c => c.Domain == "new-two.example" || c.Domain == "stranger.example"))).Should().Be(1);
    }

    [Fact]
    public async Task Many_contacts_are_created_at_once_and_a_taken_or_repeated_address_is_refused_alone()
    {
        var company = await _f.DbAsync(db => db.Companies.Where(c => c.Domain == "acme-outdoor.test").Select(c => c.Id).SingleAsync());
        var first = await _f.AsAdminAsync(s => s.GetRequiredService<ContactService>().CreateAsync(company,
            new ContactInput("Existing Person", null, "existing@acme-outdoor.test", null, null, null, LawfulBasis.NotRecorded, null), null));
        first.Succeeded.Should().BeTrue(first.Describe());
        static ContactInput Person(string name, string? email) => new(name, "Buyer", email, null, null, null, LawfulBasis.NotRecorded, null);

        var results = await _f.AsAdminAsync(s => s.GetRequiredService<ContactService>().CreateManyAsync(
        [
            (company, Person("Ada One", "ada@acme-outdoor.test"), null),
            (company, Person("Taken Address", "EXISTING@acme-outdoor.test"), null),
            (company, Person("Ada Again", "ada@acme-outdoor.test"), null),
            (Guid.NewGuid(), Person("Nowhere", "nowhere@acme-outdoor.test"), null),
            (company, Person("No Address", null), null),
        ]));

        results.Select(r => r.Kind).Should().Equal(ErrorKind.None, ErrorKind.Conflict, ErrorKind.Conflict, ErrorKind.NotFound, ErrorKind.None);
        results[1].Describe().Should().Contain("Existing Person");
        (await _f.DbAsync(db => db.Contacts.CountAsync(c => c.CompanyId == company && (c.FullName == "Ada One" || c.FullName == "No Address")))).Should().Be(2);
    }
}
