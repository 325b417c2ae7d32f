using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts;

/// <summary>
/// Merges a duplicate account into the one that survives: the survivor keeps its own values and takes the
/// duplicate's where it has none, gains its tags, and the duplicate is deleted, with a <see cref="CompanyMerge"/>
/// record of what it was.
/// </summary>
public sealed class AccountMerger(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant actor, TimeProvider time)
{
    public async Task<Result> MergeAsync(Guid survivorId, Guid duplicateId, CancellationToken cancellationToken = default)
    {
        if (survivorId == duplicateId)
        {
            return Result.Invalid("DuplicateId", "Choose two different accounts.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var both = await db.Companies.Where(c => c.Id == survivorId || c.Id == duplicateId).ToListAsync(cancellationToken);
        var survivor = both.SingleOrDefault(c => c.Id == survivorId);
        var duplicate = both.SingleOrDefault(c => c.Id == duplicateId);
        if (survivor is null || duplicate is null)
        {
            return Result.NotFound("One of the accounts no longer exists in your workspace.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var duplicateTags = await db.CompanyTags.Where(t => t.CompanyId == duplicateId).ToListAsync(cancellationToken);
        var survivorTags = await db.CompanyTags.Where(t => t.CompanyId == survivorId).Select(t => t.NormalizedTag).ToListAsync(cancellationToken);
        var snapshot = JsonSerializer.Serialize(new
        {
            duplicate.Name, duplicate.Domain, duplicate.Industry, duplicate.Country, duplicate.EmployeeBand, duplicate.RevenueBand,
            duplicate.OwnerId, duplicate.Tier, duplicate.CreatedAtUtc, Tags = duplicateTags.Select(t => t.Tag),
        });

        survivor.SetFirmographics(
            survivor.Industry ?? duplicate.Industry,
            survivor.Country ?? duplicate.Country,
            survivor.EmployeeBand ?? duplicate.EmployeeBand,
            survivor.RevenueBand ?? duplicate.RevenueBand,
            now);
        if (survivor.OwnerId is null && duplicate.OwnerId is not null)
        {
            survivor.AssignOwner(duplicate.OwnerId, now);
        }

        if (survivor.Tier is null && duplicate.Tier is not null)
        {
            survivor.SetTier(duplicate.Tier, now);
        }

        db.CompanyTags.AddRange(duplicateTags.Where(t => !survivorTags.Contains(t.NormalizedTag)).Select(t => new CompanyTag(survivorId, t.Tag)));
        db.CompanyMerges.Add(new CompanyMerge(survivorId, duplicateId, duplicate.Name, duplicate.Domain, snapshot, actor.UserId, now));
        db.Companies.Remove(duplicate);

        // Everything that points at the duplicate moves to the survivor, in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Deals.Where(d => d.CompanyId == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(d => d.CompanyId, survivorId), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
