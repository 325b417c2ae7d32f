using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Tests.Infrastructure.Outreach;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Contacts;

/// <summary>The privacy export and erasure on a real PostgreSQL, as scaled-out nodes run them (queries, SQL delete, one transaction).</summary>
[Collection(PostgresCollection.Name)]
public sealed class ContactPrivacyPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task Export_and_erasure_work_on_postgresql()
    {
        await using var f = await OutreachFixture.StartAsync(postgres: await postgres.CreateDatabaseAsync("pf_privacy"));
        var admin = await f.Host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "admin@northwind.test").Select(u => u.Id).SingleAsync());
        var (person, _) = await PrivacyScenario.PersonWithHistoryAsync(f, admin);
        await using var scope = f.Host.Scope(f.Tenant, admin);
        var privacy = scope.ServiceProvider.GetRequiredService<ContactPrivacy>();

        var export = await privacy.ExportAsync(person);
        var erased = await privacy.EraseAsync(person);

        export.Succeeded.Should().BeTrue(export.Message);
        export.Value!.Json.Should().Contain("\"repliedAtUtc\": \"");
        erased.Succeeded.Should().BeTrue(erased.Message);
        erased.Value!.Should().Match<ErasureSummary>(e => e.Touches == 1 && e.TimelineEntries >= 3 && e.Snapshots == 1 && e.CommitteeDecisions == 1 && e.AuditEntries >= 2);
        var leftovers = await f.Host.AsSystemAsync(async db => new[]
        {
            await db.Contacts.IgnoreQueryFilters().CountAsync(c => c.FullName.Contains("Quorndon")),
            await db.ChangeEvents.IgnoreQueryFilters().CountAsync(e => e.Path.Contains("Quorndon") || (e.NewValue != null && e.NewValue.Contains("Philippa"))),
            await db.Alerts.IgnoreQueryFilters().CountAsync(a => a.Title.Contains("Quorndon")),
            await db.IntelSnapshots.IgnoreQueryFilters().CountAsync(s => s.CanonicalJson.Contains("Quorndon") || s.CanonicalJson.Contains("quorndon")),
            await db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.Changes.Contains("Quorndon")),
            await db.CommitteeOverrides.IgnoreQueryFilters().CountAsync(o => o.PersonName.Contains("Quorndon")),
        });
        leftovers.Should().OnlyContain(n => n == 0);
        var hash = SuppressedAddress.Hash(f.Tenant, PrivacyScenario.Email);
        (await f.Host.AsSystemAsync(db => db.SuppressedAddresses.IgnoreQueryFilters().SingleAsync(s => s.AddressHash == hash))).Reason.Should().Be(SuppressionReason.Erased);
    }
}
