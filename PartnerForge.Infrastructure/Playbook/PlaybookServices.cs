using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Playbook;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Enrichment.Modules;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Playbook;

/// <summary>The current tenant's title rules (M10): listed in order, seeded with <see cref="TitleRules.Defaults"/> on first use.</summary>
public sealed class TitleRuleService(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public async Task<IReadOnlyList<TitleRule>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.TitleRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Role).ToListAsync(cancellationToken);
        if (rules.Count > 0)
        {
            return rules;
        }

        db.TitleRules.AddRange(TitleRules.Defaults.Select(d => new TitleRule(d.Position, d.Role, d.Keywords)));
        await db.SaveChangesAsync(cancellationToken);
        return await db.TitleRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Role).ToListAsync(cancellationToken);
    }

    /// <summary>The rules M10 applies: the tenant's, or the defaults while it has none.</summary>
    public static async Task<IReadOnlyList<TitleRuleSpec>> SpecsAsync(PartnerForgeDbContext db, CancellationToken cancellationToken)
    {
        var rules = await db.TitleRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Role).Select(r => new TitleRuleSpec(r.Position, r.Role, r.Keywords)).ToListAsync(cancellationToken);
        return rules.Count > 0 ? rules : TitleRules.Defaults;
    }

    public async Task<Result<Guid>> SaveAsync(Guid? id, int position, CommitteeRole role, string? keywords, CancellationToken cancellationToken = default)
    {
        var (normalized, error) = TitleRules.NormalizeKeywords(keywords);
        if (error is not null)
        {
            return Result.Invalid<Guid>("Keywords", error);
        }

        if (position is < 1 or > 999)
        {
            return Result.Invalid<Guid>("Position", "The order is a number from 1 to 999.");
        }

        if (!Enum.IsDefined(role))
        {
            return Result.Invalid<Guid>("Role", "Pick a role.");
        }

        await ListAsync(cancellationToken); // the defaults exist before the first edit
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        TitleRule rule;
        if (id is { } existing)
        {
            var found = await db.TitleRules.SingleOrDefaultAsync(r => r.Id == existing, cancellationToken);
            if (found is null)
            {
                return Result.NotFound<Guid>(TitleRuleNotFound);
            }

            rule = found;
            rule.Update(position, role, normalized!);
        }
        else
        {
            rule = new TitleRule(position, role, normalized!);
            db.TitleRules.Add(rule);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok(rule.Id);
    }

    public Task<Result> DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        contexts.DeleteOwnedAsync<TitleRule>(id, TitleRuleNotFound, cancellationToken);

    private const string TitleRuleNotFound = "That title rule does not exist in this workspace.";
}

/// <summary>
/// The current tenant's competitive list: our products and the competitor products each displaces. The one
/// source of competitor products for M05, M11 and change detection (replaces the old configuration list).
/// </summary>
public sealed class CompetitiveList(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    public async Task<IReadOnlyList<DisplacementRule>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DisplacementRules.AsNoTracking().OrderBy(r => r.OurProduct).ThenBy(r => r.CompetitorProduct).ToListAsync(cancellationToken);
    }

    /// <summary>Catalog technology names for the competitor picker.</summary>
    public async Task<IReadOnlyList<string>> CatalogAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Technologies.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
    }

    public async Task<Result<Guid>> AddAsync(string? ourProduct, string? competitorProduct, CancellationToken cancellationToken = default)
    {
        var ours = ourProduct?.Trim() ?? string.Empty;
        var theirs = competitorProduct?.Trim() ?? string.Empty;
        if (ours.Length == 0)
        {
            return Result.Invalid<Guid>("OurProduct", "Name the product of yours that replaces it.");
        }

        if (ours.Length > DisplacementRule.MaxProductLength)
        {
            return Result.Invalid<Guid>("OurProduct", $"Limited to {DisplacementRule.MaxProductLength} characters.");
        }

        if (theirs.Length == 0)
        {
            return Result.Invalid<Guid>("CompetitorProduct", "Pick the competitor product from the technology catalog.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var catalog = await db.Technologies.AsNoTracking().Select(t => t.Name).ToListAsync(cancellationToken);
        var catalogName = catalog.FirstOrDefault(n => string.Equals(n, theirs, StringComparison.OrdinalIgnoreCase));
        if (catalogName is null)
        {
            return Result.Invalid<Guid>("CompetitorProduct", $"'{theirs}' is not in the technology catalog, so enrichment could not detect it. Pick a catalog name.");
        }

        var existing = await db.DisplacementRules.AsNoTracking().Where(r => r.CompetitorProduct == catalogName).ToListAsync(cancellationToken);
        if (existing.Any(r => string.Equals(r.OurProduct, ours, StringComparison.OrdinalIgnoreCase)))
        {
            return Result.Conflict<Guid>($"{ours} already displaces {catalogName}.", "CompetitorProduct");
        }

        var rule = new DisplacementRule(ours, catalogName);
        db.DisplacementRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok(rule.Id);
    }

    public Task<Result> DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        contexts.DeleteOwnedAsync<DisplacementRule>(id, "That line does not exist in this workspace.", cancellationToken);
}

/// <summary>Competitor products from the tenant's competitive list, for M05 and the significance rules.</summary>
public sealed class TenantCompetitorProducts(IDbContextFactory<PartnerForgeDbContext> contexts) : ICompetitorProducts, ICompetitorProductSource
{
    public async Task<IReadOnlyList<string>> ForTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The query filter already limits rows to the current tenant; naming it keeps a mismatch from leaking.
        return await db.DisplacementRules.AsNoTracking().Where(r => r.TenantId == tenantId).Select(r => r.CompetitorProduct).Distinct().ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyCollection<string>> GetAsync(PartnerForgeDbContext db, CancellationToken cancellationToken) =>
        await db.DisplacementRules.AsNoTracking().Select(r => r.CompetitorProduct).Distinct().ToListAsync(cancellationToken);
}

/// <summary>The current tenant's evidence library: case studies, quotes and proof points (CRUD with validation).</summary>
public sealed class EvidenceLibrary(IDbContextFactory<PartnerForgeDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<EvidenceItem>> ListAsync(string? search = null, EvidenceKind? kind = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.EvidenceItems.AsNoTracking();
        if (kind is { } k)
        {
            query = query.Where(e => e.Kind == k);
        }

        // Most recently added or edited first: what an admin just worked on is at the top.
        var items = (await query.ToListAsync(cancellationToken)).OrderByDescending(e => e.UpdatedAtUtc).ThenBy(e => e.Title, StringComparer.OrdinalIgnoreCase).ToList();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            items = items.Where(e => e.Title.Contains(s, StringComparison.OrdinalIgnoreCase) || (e.Customer?.Contains(s, StringComparison.OrdinalIgnoreCase) ?? false)
                || (e.Industry?.Contains(s, StringComparison.OrdinalIgnoreCase) ?? false) || e.Technologies.Any(t => t.Contains(s, StringComparison.OrdinalIgnoreCase))).ToList();
        }

        return items;
    }

    public async Task<EvidenceItem?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EvidenceItems.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
    }

    public async Task<Result<Guid>> SaveAsync(Guid? id, EvidenceInput input, CancellationToken cancellationToken = default)
    {
        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return Result.Invalid<Guid>(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var title = input.Title!.Trim();
        if (await db.EvidenceItems.AnyAsync(e => e.Title == title && e.Id != id, cancellationToken))
        {
            return Result.Conflict<Guid>("An item with this title exists already; titles name the evidence in briefs, so keep them unique.", nameof(EvidenceInput.Title));
        }

        EvidenceItem item;
        if (id is { } existing)
        {
            var found = await db.EvidenceItems.SingleOrDefaultAsync(e => e.Id == existing, cancellationToken);
            if (found is null)
            {
                return Result.NotFound<Guid>(EvidenceNotFound);
            }

            item = found;
            item.Apply(input, now);
        }
        else
        {
            item = new EvidenceItem(input, now);
            db.EvidenceItems.Add(item);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok(item.Id);
    }

    public Task<Result> DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        contexts.DeleteOwnedAsync<EvidenceItem>(id, EvidenceNotFound, cancellationToken);

    private const string EvidenceNotFound = "That evidence item does not exist in this workspace.";
}

/// <summary>One person of an account's buying committee as the account page shows it.</summary>
public sealed record CommitteeMember(string Name, string Title, CommitteeRole RuleRole, string RuleReason, CommitteeRole? Override, string? SourceUrl)
{
    public CommitteeRole Effective => Override ?? RuleRole;
}

/// <summary>An account's buying committee (M09 executives mapped by the title rules) and users' per-person overrides.</summary>
public sealed class BuyingCommittee(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant tenant, TimeProvider time)
{
    public async Task<IReadOnlyList<CommitteeMember>> ForAccountAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var head = await db.SnapshotHeads.AsNoTracking().Where(h => h.CompanyId == companyId && h.Module == ModuleCatalog.Executives).Select(h => h.SnapshotId).FirstOrDefaultAsync(cancellationToken);
        var snapshot = head == Guid.Empty ? null : await db.IntelSnapshots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == head, cancellationToken);
        if (snapshot is null)
        {
            return [];
        }

        var facts = ModuleResult.FromSnapshot(ModuleOutcome.Ok, snapshot.CanonicalJson, snapshot.CapturedAtUtc).Facts;
        var rules = await TitleRuleService.SpecsAsync(db, cancellationToken);
        var overrides = await db.CommitteeOverrides.AsNoTracking().Where(o => o.CompanyId == companyId).ToDictionaryAsync(o => o.PersonName, o => o.Role, StringComparer.OrdinalIgnoreCase, cancellationToken);
        return Executives(facts).Select(e =>
        {
            var match = TitleRules.Map(e.Title, rules);
            return new CommitteeMember(e.Name, e.Title, match.Role, match.Reason, overrides.TryGetValue(e.Name, out var o) ? o : null, e.Source.Url);
        }).OrderBy(m => m.Effective).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Sets (or with null clears) one person's role on one account; M10 applies it on every later run.</summary>
    public async Task SetOverrideAsync(Guid companyId, string personName, CommitteeRole? role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Companies.AnyAsync(c => c.Id == companyId, cancellationToken))
        {
            throw new KeyNotFoundException("That account does not exist in this workspace.");
        }

        var name = personName.Trim();
        var existing = await db.CommitteeOverrides.SingleOrDefaultAsync(o => o.CompanyId == companyId && o.PersonName == name, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (role is null)
        {
            if (existing is not null)
            {
                db.CommitteeOverrides.Remove(existing);
            }
        }
        else if (existing is null)
        {
            db.CommitteeOverrides.Add(new CommitteeOverride(companyId, name, role.Value, tenant.UserId, now));
        }
        else
        {
            existing.Set(role.Value, tenant.UserId, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Executives from M09 facts: <c>executive[Name].title</c>.</summary>
    public static IEnumerable<(string Name, string Title, SourceRef Source)> Executives(IEnumerable<Fact> facts) =>
        facts.Where(f => f.Path.StartsWith("executive[", StringComparison.Ordinal) && f.Path.EndsWith("].title", StringComparison.Ordinal))
            .Select(f => (f.Path["executive[".Length..^"].title".Length], f.Value, f.Source));
}

internal static class PlaybookStore
{
    /// <summary>Deletes one of the current tenant's rows (the tenant filter applies), or answers that it does not exist.</summary>
    public static async Task<Result> DeleteOwnedAsync<T>(this IDbContextFactory<PartnerForgeDbContext> contexts, Guid id, string notFound, CancellationToken cancellationToken)
        where T : Domain.Common.TenantOwnedEntity
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<T>().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (row is null)
        {
            return Result.NotFound(notFound);
        }

        db.Set<T>().Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
