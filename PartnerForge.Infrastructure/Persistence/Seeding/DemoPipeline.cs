using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Pipeline;

namespace PartnerForge.Infrastructure.Persistence.Seeding;

/// <summary>
/// Demo deals for the demo tenants: spread over stages, owners and the last nine months, some won and some
/// lost, each with a believable stage history, so the board and the dashboard show something real on the
/// first run. Deterministic (fixed seed), so screenshots and tests see the same workspace every time.
/// </summary>
internal static class DemoPipeline
{
    private static readonly string[] Products =
    [
        "Analytics platform", "Data warehouse migration", "Dashboards for sales ops", "Forecasting add-on",
        "Customer 360 rollout", "Self-serve BI seats", "Embedded analytics", "Data quality service",
    ];

    private static readonly string[] LossReasons = ["Chose a competitor", "No budget this year", "Project cancelled", "Went quiet"];

    private static readonly string[] NextSteps =
    [
        "Send the security questionnaire", "Book a demo with the data team", "Agree pilot success criteria",
        "Follow up on pricing", "Introduce our solutions engineer", "Confirm the procurement timeline",
    ];

    public static async Task SeedAsync(PartnerForgeDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // Seeding runs with no current tenant, so every query names its tenant and ignores the filters.
        var tenants = await db.Tenants.OrderBy(t => t.Slug).ToListAsync(cancellationToken);
        foreach (var tenant in tenants)
        {
            var currency = tenant.Slug == "northwind" ? "GBP" : "USD";
            await StageDefaults.EnsureAsync(db, tenant.Id, currency, cancellationToken);
            if (await db.Deals.IgnoreQueryFilters().AnyAsync(d => d.TenantId == tenant.Id, cancellationToken))
            {
                continue;
            }

            var stages = await db.Stages.IgnoreQueryFilters().Where(s => s.TenantId == tenant.Id).OrderBy(s => s.Position).ToListAsync(cancellationToken);
            var companies = await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == tenant.Id).OrderBy(c => c.Name).ToListAsync(cancellationToken);
            var sellers = await (from u in db.Users.IgnoreQueryFilters()
                                 join ur in db.UserRoles on u.Id equals ur.UserId
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where u.TenantId == tenant.Id && (r.Name == Roles.Rep || r.Name == Roles.Manager)
                                 orderby u.Email
                                 select u).ToListAsync(cancellationToken);
            if (companies.Count == 0 || sellers.Count == 0)
            {
                continue;
            }

            var random = new Random(tenant.Slug.Length * 7919);
            var open = stages.Where(s => s.Kind == StageKind.Open).ToList();
            var won = stages.Single(s => s.Kind == StageKind.Won);
            var lost = stages.Single(s => s.Kind == StageKind.Lost);
            var count = companies.Count * 5;
            for (var i = 0; i < count; i++)
            {
                var company = companies[i % companies.Count];
                var owner = sellers[(i / 2) % sellers.Count];
                var created = nowUtc.Date.AddDays(-random.Next(5, 270)).AddHours(9 + random.Next(8));
                var amount = random.Next(8, 180) * 1000m + (random.Next(4) * 250m);
                // Open deals close from a fortnight ago (overdue) to five months out; closed ones get their close day below.
                var close = nowUtc.Date.AddDays(random.Next(-14, 160));

                var title = $"{Products[random.Next(Products.Length)]}, {random.Next(2, 40) * 10} seats";
                var (deal, first) = Deal.Open(company.Id, title, owner.Id, stages[0], amount, currency, close, created, owner.Id);
                deal.StampTenant(tenant.Id);
                first.StampTenant(tenant.Id);
                db.Deals.Add(deal);
                db.StageChanges.Add(first);

                // Walk the deal forward through the stages; a third of the older ones end won or lost.
                var outcome = random.Next(9);
                var target = outcome switch
                {
                    < 2 when created < nowUtc.AddDays(-40) => won,
                    2 or 3 when created < nowUtc.AddDays(-40) => lost,
                    _ => open[random.Next(open.Count)],
                };
                var lastOpen = target.Kind == StageKind.Open ? target.Position : (target == lost ? random.Next(open.Count) : open.Count - 1);
                var at = created;
                var span = Math.Max(1, (nowUtc - created).TotalDays - 2);
                var steps = lastOpen + (target.Kind == StageKind.Open ? 0 : 1);
                for (var p = 1; p <= lastOpen; p++)
                {
                    at = at.AddDays(span / (steps + 1) * (0.6 + random.NextDouble() * 0.8));
                    AddMove(db, deal, open[p], Min(at, nowUtc), owner.Id, tenant.Id, null);
                }

                if (target.Kind != StageKind.Open)
                {
                    at = at.AddDays(span / (steps + 1));
                    var closedAt = Min(at, nowUtc.AddHours(-1));
                    AddMove(db, deal, target, closedAt, owner.Id, tenant.Id,
                        target == lost ? LossReasons[random.Next(LossReasons.Length)] : "Signed order form");
                    deal.SetExpectedClose(closedAt);
                }
                else
                {
                    deal.SetNextStep(NextSteps[random.Next(NextSteps.Length)]);
                    deal.Qualify(new Dictionary<string, string?>
                    {
                        ["Budget"] = random.Next(2) == 0 ? "Approved for this fiscal year" : null,
                        ["Need"] = "Replace spreadsheets for pipeline reporting",
                        ["Timeline"] = $"Decision by {close:MMMM}",
                    });
                }

                deal.PlaceAt(1024 * (i + 1));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void AddMove(PartnerForgeDbContext db, Deal deal, Stage stage, DateTime at, Guid by, Guid tenantId, string? reason)
    {
        var change = deal.MoveTo(stage, at, by, reason);
        if (change is not null)
        {
            change.StampTenant(tenantId);
            db.StageChanges.Add(change);
        }
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
