using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Identity;

namespace PartnerForge.Infrastructure.Persistence.Seeding;

/// <summary>
/// Seeds the system roles always, and the demo workspace (<see cref="DemoWorkspace"/>) into a database that
/// has no tenants yet. Running it again changes nothing.
/// </summary>
public sealed partial class DemoSeeder(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    IPasswordHasher<ApplicationUser> passwordHasher,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    /// <summary>The four system roles; needed with or without the demo.</summary>
    public async Task EnsureRolesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await EnsureRolesAsync(db, cancellationToken);
    }

    /// <summary>Seeds the demo workspace when there are no tenants yet; true when it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var roles = await EnsureRolesAsync(db, cancellationToken);
        if (await db.Tenants.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var demoTenant in DemoWorkspace.Tenants)
        {
            var tenant = new Tenant(demoTenant.Name, demoTenant.Slug, now, demoTenant.TimeZone);
            db.Tenants.Add(tenant);
            var team = new Team($"{demoTenant.Name.Split(' ')[0]} Sales");
            team.StampTenant(tenant.Id);
            db.Teams.Add(team);
            foreach (var demoUser in demoTenant.Users)
            {
                var user = new User(tenant.Id, demoUser.Email, demoUser.DisplayName, now, demoUser.TimeZone);
                var account = new ApplicationUser(user);
                account.PasswordHash = passwordHasher.HashPassword(account, options.Value.Password);
                if (demoUser.Role is Roles.Manager or Roles.Rep)
                {
                    user.JoinTeam(team.Id);
                }

                db.Users.Add(user);
                db.IdentityUsers.Add(account);
                db.UserRoles.Add(ApplicationRole.Member(user.Id, roles[demoUser.Role].Id));
                db.AlertRules.AddRange(Domain.Changes.DefaultAlertRules.For(tenant.Id, user.Id));
            }

            var territory = new Territory("Whole market", team.Id);
            territory.StampTenant(tenant.Id);
            db.Territories.Add(territory);

            var reps = db.ChangeTracker.Entries<User>().Select(e => e.Entity).Where(u => u.TenantId == tenant.Id && u.TeamId == team.Id).ToList();
            foreach (var (demoCompany, index) in demoTenant.Companies.Select((c, i) => (c, i)))
            {
                var company = new Company(demoCompany.Name, DomainName.Parse(demoCompany.Domain), now);
                company.StampTenant(tenant.Id);
                // Varied, deterministic firmographics so the accounts grid has something to filter on.
                company.SetFirmographics(
                    DemoIndustries[index % DemoIndustries.Length],
                    DemoCountries[index % DemoCountries.Length],
                    Firmographics.EmployeeBands[(index * 3 + 2) % Firmographics.EmployeeBands.Count],
                    Firmographics.RevenueBands[(index * 2 + 1) % Firmographics.RevenueBands.Count],
                    now);
                company.AssignOwner(index % 3 == 2 || reps.Count == 0 ? null : reps[index % reps.Count].Id, now);
                db.Companies.Add(company);
                var tag = new CompanyTag(company.Id, index % 2 == 0 ? "target-2027" : "expansion");
                tag.StampTenant(tenant.Id);
                db.CompanyTags.Add(tag);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await DemoPipeline.SeedAsync(db, now, cancellationToken);
        await DemoPlaybook.SeedAsync(db, now, cancellationToken);
        LogSeeded(logger, DemoWorkspace.Tenants.Count);
        return true;
    }

    private static async Task<Dictionary<string, ApplicationRole>> EnsureRolesAsync(PartnerForgeDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Roles.ToDictionaryAsync(r => r.Name!, StringComparer.Ordinal, cancellationToken);
        foreach (var name in Roles.All.Where(n => !existing.ContainsKey(n)))
        {
            var role = new ApplicationRole(name);
            db.Roles.Add(role);
            existing[name] = role;
        }

        await db.SaveChangesAsync(cancellationToken);
        return existing;
    }

    private static readonly string[] DemoIndustries = ["Retail", "Logistics", "Healthcare", "Manufacturing", "Financial Services", "Software"];
    private static readonly string[] DemoCountries = ["US", "GB", "DE", "FR", "NL", "CA"];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeded the demo workspace ({Tenants} tenants) with well-known passwords. Set Demo:Seed=false outside demos.")]
    private static partial void LogSeeded(ILogger logger, int tenants);
}
