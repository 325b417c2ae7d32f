using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Tests.Support;
using PartnerForge.Infrastructure.Application;

namespace PartnerForge.Tests.Infrastructure.Changes;

/// <summary>The one write path for alert rules of any recipient (the REST API's), on the real database.</summary>
public sealed class AlertRuleAdministrationTests
{
    private static AlertRuleRequest Rule(string? name = "Funding news", Guid? userId = null, Guid? teamId = null, string? email = null, string? kind = "added") =>
        new(name, userId, teamId, null, "M07", null, kind, 70, null, null, null, null, email);

    [Fact]
    public async Task A_rule_is_created_for_a_user_by_email_updated_in_place_and_deleted_within_its_workspace()
    {
        await using var host = await InfrastructureHost.StartAsync();
        var (northwind, globex) = await host.AsSystemAsync(async db => (
            (await db.Tenants.SingleAsync(t => t.Slug == "northwind")).Id, (await db.Tenants.SingleAsync(t => t.Slug == "globex")).Id));
        var rep = await host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "rep@northwind.test").Select(u => u.Id).SingleAsync());

        Guid id;
        await using (var scope = host.Scope(northwind))
        {
            var rules = scope.ServiceProvider.GetRequiredService<AlertRuleAdministration>();
            var created = await rules.CreateAsync(Rule(email: "REP@northwind.test"), apiKeyId: null);
            created.Succeeded.Should().BeTrue();
            created.Value!.UserId.Should().Be(rep);
            created.Value.CreatedBy.Should().Be(rep, "without a key's person the rule's own user created it");
            id = created.Value.Id;

            var renamed = await rules.UpdateAsync(id, Rule(name: "Funding, renamed", kind: "changed"));
            renamed.Succeeded.Should().BeTrue();
            (await rules.FindAsync(id))!.Name.Should().Be("Funding, renamed");

            var moved = await rules.UpdateAsync(id, Rule(userId: Guid.NewGuid()));
            moved.Kind.Should().Be(ErrorKind.Validation);
            moved.Errors.Should().ContainKey("userId");
        }

        await using (var other = host.Scope(globex))
        {
            var rules = other.ServiceProvider.GetRequiredService<AlertRuleAdministration>();
            (await rules.FindAsync(id)).Should().BeNull("another workspace's rule does not exist for this one");
            (await rules.UpdateAsync(id, Rule())).Kind.Should().Be(ErrorKind.NotFound);
            (await rules.DeleteAsync(id)).Kind.Should().Be(ErrorKind.NotFound);
        }

        await using (var scope = host.Scope(northwind))
        {
            (await scope.ServiceProvider.GetRequiredService<AlertRuleAdministration>().DeleteAsync(id)).Succeeded.Should().BeTrue();
        }

        (await host.AsSystemAsync(db => db.AlertRules.IgnoreQueryFilters().AnyAsync(r => r.Id == id))).Should().BeFalse();
    }

    [Fact]
    public async Task Wrong_input_comes_back_field_by_field_in_camel_case_and_nothing_is_written()
    {
        await using var host = await InfrastructureHost.StartAsync();
        var northwind = await host.AsSystemAsync(async db => (await db.Tenants.SingleAsync(t => t.Slug == "northwind")).Id);
        var before = await host.AsSystemAsync(db => db.AlertRules.IgnoreQueryFilters().CountAsync());
        await using var scope = host.Scope(northwind);
        var rules = scope.ServiceProvider.GetRequiredService<AlertRuleAdministration>();

        var neither = await rules.CreateAsync(Rule(kind: "sideways"), apiKeyId: null);
        neither.Errors.Keys.Should().BeEquivalentTo("userId", "kind");

        var unknownEmail = await rules.CreateAsync(Rule(email: "nobody@northwind.test"), apiKeyId: null);
        unknownEmail.Errors.Should().ContainKey("userEmail");

        var noName = await rules.CreateAsync(Rule(name: "", teamId: Guid.NewGuid()), apiKeyId: null);
        noName.Errors.Keys.Should().Contain(["teamId", "name"]);

        (await host.AsSystemAsync(db => db.AlertRules.IgnoreQueryFilters().CountAsync())).Should().Be(before);
    }
}
