using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Changes.Email;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>A tenant's usage of one source this month against its budget.</summary>
public sealed record BudgetLevel(Guid TenantId, string Source, string Period, int Calls, long CostMicros, int? MaxCalls, long? MaxCostMicros)
{
    public double? Share => BudgetRule.UsedShare(Calls, CostMicros / 1_000_000m, MaxCalls, MaxCostMicros / 1_000_000m);
}

/// <summary>
/// Tells a tenant's admins when a source budget reaches 80 % and 100 % in a month, once per threshold: a
/// <see cref="BudgetNotice"/> row (unique per tenant, source, month, threshold; shown in the app), a
/// <see cref="BudgetThresholdReached"/> event for open pages, and an e-mail to each active tenant admin when SMTP is
/// configured. A failed e-mail is logged and leaves the notice unmailed; it never fails the enrichment call.
/// </summary>
public sealed class BudgetNotifier(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    IEventBus events,
    IEmailSender email,
    IOptions<SmtpOptions> smtp,
    TimeProvider time,
    ILogger<BudgetNotifier> logger)
{
    public async Task<IReadOnlyList<BudgetNotice>> CheckAsync(BudgetLevel level, CancellationToken cancellationToken)
    {
        if (level.Share is not >= 0.8 || level.TenantId == Guid.Empty)
        {
            return [];
        }

        var created = new List<BudgetNotice>();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // System code acting for the tenant named in the level (the caller may run without a current tenant).
            var sent = await db.BudgetNotices.IgnoreQueryFilters()
                .Where(n => n.TenantId == level.TenantId && n.Source == level.Source && n.Period == level.Period)
                .Select(n => n.Threshold).ToListAsync(cancellationToken);
            foreach (var threshold in BudgetRule.ThresholdsToNotify(level.Share, sent))
            {
                var notice = new BudgetNotice(level.Source, level.Period, threshold, level.Calls, level.MaxCalls, level.CostMicros, level.MaxCostMicros, time.GetUtcNow().UtcDateTime);
                notice.StampTenant(level.TenantId);
                db.BudgetNotices.Add(notice);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    created.Add(notice);
                }
                catch (DbUpdateException)
                {
                    // Another node or call created it first: that one is the notice.
                    db.Entry(notice).State = EntityState.Detached;
                }
            }
        }

        foreach (var notice in created)
        {
            logger.LogInformation("Budget notice for tenant {TenantId}: {Title}", level.TenantId, notice.Title);
            await events.PublishAsync(new BudgetThresholdReached(level.TenantId, notice.Source, notice.Period, notice.Threshold, notice.Title, notice.CreatedAtUtc), cancellationToken);
            await EmailAdminsAsync(notice, cancellationToken);
        }

        return created;
    }

    private async Task EmailAdminsAsync(BudgetNotice notice, CancellationToken cancellationToken)
    {
        if (!smtp.Value.Enabled)
        {
            return;
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var admins = await db.Users.IgnoreQueryFilters().AsNoTracking()
                .Where(u => u.TenantId == notice.TenantId && u.IsActive)
                .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.TenantAdmin)))
                .Select(u => new { u.Email, u.DisplayName })
                .ToListAsync(cancellationToken);
            var usage = notice.MaxCalls is { } max
                ? string.Create(CultureInfo.InvariantCulture, $"{notice.CallsUsed:N0} of {max:N0} calls")
                : string.Create(CultureInfo.InvariantCulture, $"{notice.CostMicrosUsed / 1_000_000m:0.00} of {notice.MaxCostMicros.GetValueOrDefault() / 1_000_000m:0.00} spending cap");
            var action = notice.Threshold >= 100
                ? $"Further {notice.Source} calls are refused until next month or until you raise the budget; modules needing it show \"budget exceeded\"."
                : $"At 100 % further {notice.Source} calls are refused until next month.";
            for (var i = 0; i < admins.Count; i++)
            {
                var admin = admins[i];
                var text = $"Hello {admin.DisplayName},\n\n{notice.Title}: {usage}.\n{action}\n\nChange the budget under Admin → Enrichment budgets.\n";
                var html = $"<p>Hello {WebUtility.HtmlEncode(admin.DisplayName)},</p><p><strong>{WebUtility.HtmlEncode(notice.Title)}</strong>: {WebUtility.HtmlEncode(usage)}.</p>"
                    + $"<p>{WebUtility.HtmlEncode(action)}</p><p>Change the budget under Admin → Enrichment budgets.</p>";
                await email.SendAsync(admin.Email, notice.Title, html, text, $"budget-{notice.Id:N}-{i}", cancellationToken);
            }

            await db.BudgetNotices.IgnoreQueryFilters().Where(n => n.Id == notice.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.EmailedAtUtc, time.GetUtcNow().UtcDateTime).SetProperty(n => n.EmailRecipients, admins.Count), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The budget notice e-mail for tenant {TenantId} could not be sent", notice.TenantId);
        }
    }
}
