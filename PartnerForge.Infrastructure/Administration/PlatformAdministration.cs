using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Billing;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Infrastructure.Administration;

public sealed record TenantRow(Guid Id, string Name, string Slug, TenantStatus Status, string? PlanCode, string? PlanName, int ActiveUsers, DateTime CreatedAtUtc);

public sealed record SourceUsageRow(string Source, string TenantName, long Credits);

public sealed record PlanRow(Guid Id, string Code, string Name, decimal MonthlyPrice, string Currency, int Seats, int MonthlyEnrichmentCredits, int MonthlyApiCalls, decimal OveragePricePerCredit, decimal OveragePricePerThousandApiCalls, IReadOnlyList<string> IncludedModules);

/// <summary>
/// Platform admin work across tenants. Reads use IgnoreQueryFilters on purpose (platform admins see every
/// tenant; the pages calling this require the PlatformAdmin role). Writes to a tenant's rows run in a scope
/// acting AS that tenant, so the stamp interceptor accepts them and the audit entry lands in that tenant's log
/// with the platform admin as the actor.
/// </summary>
public sealed class PlatformAdministration(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    IServiceScopeFactory scopes,
    ICurrentTenant current,
    IEventBus events,
    IPaymentProvider payments,
    TimeProvider time)
{
    public async Task<IReadOnlyList<TenantRow>> ListTenantsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        var plans = await db.Subscriptions.IgnoreQueryFilters().AsNoTracking().Where(s => s.EndedAtUtc == null)
            .Join(db.Plans, s => s.PlanId, p => p.Id, (s, p) => new { s.TenantId, p.Code, p.Name })
            .ToListAsync(ct);
        var users = await db.Users.IgnoreQueryFilters().Where(u => u.IsActive).GroupBy(u => u.TenantId)
            .Select(g => new { TenantId = g.Key, Count = g.Count() }).ToListAsync(ct);
        return tenants.Select(t =>
        {
            var plan = plans.FirstOrDefault(p => p.TenantId == t.Id);
            return new TenantRow(t.Id, t.Name, t.Slug, t.Status, plan?.Code, plan?.Name, users.FirstOrDefault(u => u.TenantId == t.Id)?.Count ?? 0, t.CreatedAtUtc);
        }).ToList();
    }

    public async Task<IReadOnlyList<PlanRow>> ListPlansAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var plans = await db.Plans.AsNoTracking().ToListAsync(ct);
        return plans.OrderBy(p => p.MonthlyPrice)
            .Select(p => new PlanRow(p.Id, p.Code, p.Name, p.MonthlyPrice, p.Currency, p.Seats, p.MonthlyEnrichmentCredits, p.MonthlyApiCalls, p.OveragePricePerCredit, p.OveragePricePerThousandApiCalls, p.IncludedModules))
            .ToList();
    }

    public async Task<Result<Guid>> CreateTenantAsync(string name, string slug, string planCode, CancellationToken ct = default)
    {
        slug = (slug ?? string.Empty).Trim().ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            return Result.Invalid<Guid>("Name", "Enter the organisation's name (up to 200 characters).");
        }

        if (slug.Length is < 2 or > 64 || !slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return Result.Invalid<Guid>("Slug", "The short name uses 2–64 lower-case letters, digits and hyphens, e.g. acme-corp.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Tenants.AnyAsync(t => t.Slug == slug, ct))
        {
            return Result.Conflict<Guid>($"The short name {slug} is taken.", "Slug");
        }

        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Code == planCode, ct);
        if (plan is null)
        {
            return Result.Invalid<Guid>("PlanCode", "Choose a plan.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var tenant = new Tenant(name, slug, now);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(ct);
        await AsTenantAsync(tenant.Id, async tdb =>
        {
            tdb.Subscriptions.Add(new Subscription(tenant.Id, plan.Id, now));
            await tdb.SaveChangesAsync(ct);
        });
        return Result.Ok(tenant.Id);
    }

    /// <summary>Creates a one-time invitation for a tenant's first admin (acting as that tenant); returns the token.</summary>
    public async Task<Result<InvitationCreated>> InviteTenantAdminAsync(Guid tenantId, string email, string displayName, Uri acceptBase, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, current.UserId, current.Origin);
        return await scope.ServiceProvider.GetRequiredService<TenantAdministration>().InviteAsync(email, displayName, Roles.TenantAdmin, acceptBase, ct);
    }

    /// <summary>Suspends a tenant: its users cannot sign in, open sessions end, API keys stop working and its jobs are skipped.</summary>
    public async Task SuspendAsync(Guid tenantId, CancellationToken ct = default)
    {
        if (tenantId == current.TenantId)
        {
            throw new InvalidOperationException("You cannot suspend your own workspace.");
        }

        await SetStatusAsync(tenantId, suspend: true, ct);
        var users = new List<Guid>();
        await AsTenantAsync(tenantId, async db =>
        {
            var active = db.Users.Where(u => u.IsActive).Select(u => u.Id);
            foreach (var account in await db.IdentityUsers.Where(a => active.Contains(a.Id)).ToListAsync(ct))
            {
                account.SecurityStamp = Guid.NewGuid().ToString("N");
                users.Add(account.Id);
            }

            await db.SaveChangesAsync(ct);
        });
        foreach (var userId in users)
        {
            await events.PublishAsync(new UserSessionsEnded(tenantId, userId, "workspace suspended"), ct);
        }
    }

    public Task ReactivateAsync(Guid tenantId, CancellationToken ct = default) => SetStatusAsync(tenantId, suspend: false, ct);

    /// <summary>Moves a tenant to another plan from now: the current subscription ends, a new one starts (pro-rated on the invoice).</summary>
    public async Task<Result> ChangePlanAsync(Guid tenantId, string planCode, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Code == planCode, ct);
        if (plan is null || !await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            return Result.NotFound("Unknown tenant or plan.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var changed = false;
        await AsTenantAsync(tenantId, async tdb =>
        {
            var currentSubscription = await tdb.Subscriptions.SingleOrDefaultAsync(s => s.EndedAtUtc == null, ct);
            if (currentSubscription?.PlanId == plan.Id)
            {
                return;
            }

            currentSubscription?.End(now);
            tdb.Subscriptions.Add(new Subscription(tenantId, plan.Id, now));
            await tdb.SaveChangesAsync(ct);
            changed = true;
        });
        return changed ? Result.Ok() : Result.Conflict($"The tenant is already on {plan.Name}.");
    }

    /// <summary>Enrichment credits used per source and tenant in the month of <paramref name="monthUtc"/>, across all tenants.</summary>
    public async Task<IReadOnlyList<SourceUsageRow>> EnrichmentUsageBySourceAsync(DateTime monthUtc, CancellationToken ct = default)
    {
        var (start, end) = InvoiceCalculator.MonthOf(monthUtc);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.UsageRecords.IgnoreQueryFilters()
            .Where(u => u.Kind == UsageKind.EnrichmentCredit && u.AtUtc >= start && u.AtUtc < end)
            .GroupBy(u => new { u.Source, u.TenantId })
            .Select(g => new { g.Key.Source, g.Key.TenantId, Credits = g.Sum(u => (long)u.Quantity) })
            .ToListAsync(ct);
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return rows.Select(r => new SourceUsageRow(r.Source, tenants.GetValueOrDefault(r.TenantId, "?"), r.Credits))
            .OrderBy(r => r.Source, StringComparer.Ordinal).ThenByDescending(r => r.Credits).ToList();
    }

    public async Task<IReadOnlyList<InvoiceRow>> ListAllInvoicesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await InvoiceService.Rows(db, db.Invoices.IgnoreQueryFilters()).Take(500).ToListAsync(ct);
    }

    public async Task<InvoiceDocument?> GetInvoiceAsync(Guid invoiceId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await InvoiceService.DocumentAsync(db, db.Invoices.IgnoreQueryFilters().Where(i => i.Id == invoiceId), ct);
    }

    /// <summary>Records payment through the payment provider seam (manual confirmation here).</summary>
    public async Task<Result> MarkPaidAsync(Guid invoiceId, string note, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null)
        {
            return Result.NotFound("No such invoice.");
        }

        if (invoice.Status == InvoiceStatus.Paid)
        {
            return Result.Conflict($"Invoice {invoice.Number} is already paid.");
        }

        var reference = await payments.ConfirmPaymentAsync(invoice.Number, invoice.Total, invoice.Currency, note, ct);
        if (reference is null)
        {
            return Result.Conflict("The payment provider did not confirm the payment."); // the invoice stays unpaid
        }

        await AsTenantAsync(invoice.TenantId, async tdb =>
        {
            var tracked = await tdb.Invoices.SingleAsync(i => i.Id == invoiceId, ct);
            tracked.MarkPaid(time.GetUtcNow().UtcDateTime, reference);
            await tdb.SaveChangesAsync(ct);
        });
        return Result.Ok();
    }

    /// <summary>Issues the invoice for a month for one tenant now (what the monthly job does for all).</summary>
    public async Task<Guid?> IssueInvoiceAsync(Guid tenantId, DateTime monthUtc, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, current.UserId, current.Origin);
        return await scope.ServiceProvider.GetRequiredService<InvoiceService>().IssueForMonthAsync(monthUtc, ct);
    }

    private async Task SetStatusAsync(Guid tenantId, bool suspend, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == tenantId, ct) ?? throw new InvalidOperationException("No such tenant.");
        if (suspend)
        {
            tenant.Suspend();
        }
        else
        {
            tenant.Reactivate();
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task AsTenantAsync(Guid tenantId, Func<PartnerForgeDbContext, Task> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, current.UserId, current.Origin);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        await work(db);
    }
}
