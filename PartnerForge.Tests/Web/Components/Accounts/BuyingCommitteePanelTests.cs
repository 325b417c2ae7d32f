using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Tests.Domain.Scoring;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The buying committee over the real services (SQLite): a person the intelligence found becomes a contact in one click.</summary>
public sealed class BuyingCommitteePanelTests : DatabaseComponentTest
{
    private Guid _acme;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _acme = await Host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == TenantId && c.Name == "Acme Outdoor Supply").Select(c => c.Id).SingleAsync());
        await using var scope = Host.Scope(TenantId);
        var facts = BriefBuilderTests.FullFacts()[ModuleCatalog.Executives];
        await scope.ServiceProvider.GetRequiredService<SnapshotRecorder>().RecordAsync(_acme, ModuleCatalog.Executives, Guid.NewGuid(), CanonicalJson.FromFacts(facts), facts.Count);
    }

    [Fact]
    public async Task Add_as_contact_keeps_the_persons_title_and_committee_role_and_then_says_in_contacts()
    {
        RenderInteractively();
        var cut = Render<BuyingCommitteePanel>(p => p.Add(c => c.CompanyId, _acme));
        cut.WaitForAssertion(() => cut.Find("[data-testid=add-contact-dana-reyes]").GetAttribute("aria-label").Should().Be("Add Dana Reyes as a contact"));

        cut.Find("[data-testid=add-contact-dana-reyes]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=is-contact-dana-reyes]").TextContent.Should().Contain("In contacts"));
        cut.FindAll("[data-testid=add-contact-dana-reyes]").Should().BeEmpty();
        var contact = await QueryAsync(db => db.Contacts.SingleAsync());
        contact.FullName.Should().Be("Dana Reyes");
        contact.Title.Should().Be("Chief Digital Officer");
        contact.CompanyId.Should().Be(_acme);
        contact.Role.Should().Be(CommitteeRole.TechnicalBuyer, "a Chief Digital Officer is a technical buyer by the default title rules");
        contact.LawfulBasis.Should().Be(LawfulBasis.NotRecorded);
    }
}
