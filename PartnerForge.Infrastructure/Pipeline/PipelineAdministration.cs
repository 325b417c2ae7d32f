using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Pipeline;

/// <summary>A stage as the admin page lists it, with how many deals are in it now.</summary>
public sealed record StageAdminRow(Guid Id, string Name, int Position, int DefaultProbability, StageKind Kind, int Deals);

/// <summary>
/// The tenant admin's pipeline settings: stages (add, rename, reorder, default probability, won/lost, delete
/// when empty) and the qualification framework. Stages and settings are <c>IAudited</c>, so every change is
/// in the audit log with who made it. Pages check the role; the tenant comes from the query filter. A refusal says
/// why in words the admin can act on: a field not valid (name, probability), a stage gone, or a change that clashes
/// with the deals in the stage or would leave the pipeline without an open, won or lost stage.
/// </summary>
public sealed class PipelineAdministration(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    ICurrentTenant current,
    IEventBus events)
{
    private Guid TenantId => current.TenantId ?? throw new InvalidOperationException("Pipeline settings need a current tenant.");

    private const string StageGone = "That stage no longer exists.";

    public async Task<IReadOnlyList<StageAdminRow>> StagesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await StageDefaults.EnsureAsync(db, TenantId, cancellationToken: cancellationToken);
        return await db.Stages.AsNoTracking().OrderBy(s => s.Position)
            .Select(s => new StageAdminRow(s.Id, s.Name, s.Position, s.DefaultProbability, s.Kind, db.Deals.Count(d => d.StageId == s.Id)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds a stage: an open one goes after the last open stage, a won or lost one at the end.</summary>
    public async Task<Result> AddStageAsync(string name, int defaultProbability, StageKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await StageDefaults.EnsureAsync(db, TenantId, cancellationToken: cancellationToken);
        var stages = await db.Stages.OrderBy(s => s.Position).ToListAsync(cancellationToken);
        if (StageRules.CheckName(name, stages.Select(s => s.Name)) is { } nameError)
        {
            return Result.Invalid("Name", nameError);
        }

        if (defaultProbability is < 0 or > 100)
        {
            return Result.Invalid("DefaultProbability", "A probability is between 0 and 100 per cent.");
        }

        var stage = new Stage(name, stages.Count, defaultProbability, kind);
        var index = kind == StageKind.Open ? stages.FindLastIndex(s => s.Kind == StageKind.Open) + 1 : stages.Count;
        stages.Insert(index, stage);
        db.Stages.Add(stage);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReorderAsync(db, stages, cancellationToken);
        return await SaveAsync(db, cancellationToken);
    }

    /// <summary>Renames a stage and sets its default probability (deals that follow the stage's default take the new one).</summary>
    public async Task<Result> UpdateStageAsync(Guid stageId, string name, int defaultProbability, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stages = await db.Stages.ToListAsync(cancellationToken);
        var stage = stages.SingleOrDefault(s => s.Id == stageId);
        if (stage is null)
        {
            return Result.NotFound(StageGone);
        }

        if (StageRules.CheckName(name, stages.Where(s => s.Id != stageId).Select(s => s.Name)) is { } nameError)
        {
            return Result.Invalid("Name", nameError);
        }

        if (defaultProbability is < 0 or > 100)
        {
            return Result.Invalid("DefaultProbability", "A probability is between 0 and 100 per cent.");
        }

        var probabilityChanged = stage.DefaultProbability != defaultProbability;
        stage.Rename(name);
        stage.SetDefaultProbability(defaultProbability);
        var result = await SaveAsync(db, cancellationToken);
        if (result.Succeeded && probabilityChanged)
        {
            // Deals whose probability follows the stage take the new default (overridden ones keep theirs).
            await db.Deals.Where(d => d.StageId == stageId && !d.ProbabilityOverridden)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Probability, defaultProbability), cancellationToken);
        }

        return result;
    }

    /// <summary>Moves a stage one place left (-1) or right (+1) on the board.</summary>
    public async Task<Result> MoveStageAsync(Guid stageId, int direction, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stages = await db.Stages.OrderBy(s => s.Position).ToListAsync(cancellationToken);
        var index = stages.FindIndex(s => s.Id == stageId);
        if (index < 0)
        {
            return Result.NotFound(StageGone);
        }

        var to = index + Math.Sign(direction);
        if (to < 0 || to >= stages.Count || direction == 0)
        {
            return Result.Ok();
        }

        (stages[index], stages[to]) = (stages[to], stages[index]);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReorderAsync(db, stages, cancellationToken);
        return await SaveAsync(db, cancellationToken);
    }

    /// <summary>Marks a stage open, won or lost; refused while deals are in it, or when the pipeline would lose its only open, won or lost stage.</summary>
    public async Task<Result> SetKindAsync(Guid stageId, StageKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stages = await db.Stages.ToListAsync(cancellationToken);
        var stage = stages.SingleOrDefault(s => s.Id == stageId);
        if (stage is null)
        {
            return Result.NotFound(StageGone);
        }

        if (stage.Kind == kind)
        {
            return Result.Ok();
        }

        var deals = await db.Deals.CountAsync(d => d.StageId == stageId, cancellationToken);
        if (deals > 0)
        {
            return Result.Conflict($"\u201c{stage.Name}\u201d has {Deals(deals)} in it. Move them to another stage first: their open or closed state follows the stage.");
        }

        var kinds = stages.Select(s => s.Id == stageId ? kind : s.Kind).ToList();
        if (StageRules.CheckKinds(kinds) is { } kindError)
        {
            return Result.Conflict(kindError);
        }

        stage.MarkAs(kind);
        return await SaveAsync(db, cancellationToken);
    }

    /// <summary>Deletes a stage that has no deals and is in no deal's history; otherwise says why not.</summary>
    public async Task<Result> DeleteStageAsync(Guid stageId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stages = await db.Stages.OrderBy(s => s.Position).ToListAsync(cancellationToken);
        var stage = stages.SingleOrDefault(s => s.Id == stageId);
        if (stage is null)
        {
            return Result.NotFound(StageGone);
        }

        var deals = await db.Deals.CountAsync(d => d.StageId == stageId, cancellationToken);
        if (deals > 0)
        {
            return Result.Conflict($"\u201c{stage.Name}\u201d still has {Deals(deals)}. Move them to another stage on the board, then delete it.");
        }

        var passedThrough = await db.StageChanges.Where(c => c.ToStageId == stageId).Select(c => c.DealId).Distinct().CountAsync(cancellationToken);
        if (passedThrough > 0)
        {
            return Result.Conflict($"\u201c{stage.Name}\u201d is in the stage history of {Deals(passedThrough)}, which keeps it. Rename it instead.");
        }

        if (StageRules.CheckKinds(stages.Where(s => s.Id != stageId).Select(s => s.Kind).ToList()) is { } kindError)
        {
            return Result.Conflict(kindError);
        }

        stages.Remove(stage);
        db.Stages.Remove(stage);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ReorderAsync(db, stages, cancellationToken);
        return await SaveAsync(db, cancellationToken);
    }

    public async Task<Result> SetFrameworkAsync(QualificationFramework framework, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await StageDefaults.EnsureAsync(db, TenantId, cancellationToken: cancellationToken);
        var settings = await db.PipelineSettings.SingleAsync(cancellationToken);
        settings.Use(framework);
        return await SaveAsync(db, cancellationToken);
    }

    /// <summary>
    /// Gives the stages positions 0..n-1 in list order and keeps each deal's furthest-stage marker on the same
    /// stage (it is stored as a position; conversion reads it). Positions move through an offset so that two
    /// swapped stages never share one mid-way.
    /// </summary>
    private static async Task ReorderAsync(PartnerForgeDbContext db, List<Stage> stages, CancellationToken cancellationToken)
    {
        const int Offset = 100_000;
        var moved = stages.Select((s, i) => (Stage: s, From: s.Position, To: i))
            .Where(m => m.From != m.To && db.Entry(m.Stage).State != EntityState.Added).ToList();
        foreach (var (_, from, to) in moved)
        {
            await db.Deals.Where(d => d.FurthestPosition == from)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.FurthestPosition, to + Offset), cancellationToken);
        }

        if (moved.Count > 0)
        {
            await db.Deals.Where(d => d.FurthestPosition >= Offset)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.FurthestPosition, d => d.FurthestPosition - Offset), cancellationToken);
        }

        for (var i = 0; i < stages.Count; i++)
        {
            stages[i].MoveTo(i);
        }
    }

    private async Task<Result> SaveAsync(PartnerForgeDbContext db, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        if (db.Database.CurrentTransaction is { } transaction)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        // Open boards reload (their columns changed).
        await events.PublishAsync(new DealChanged(TenantId, Guid.Empty, current.UserId, DealChangeKind.Edited), cancellationToken);
        return Result.Ok();
    }

    private static string Deals(int n) => n == 1 ? "1 deal" : $"{n} deals";
}
