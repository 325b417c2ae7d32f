using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Pipeline;

/// <summary>
/// The pipeline of the current tenant: the board, moves with optimistic concurrency, deal create/edit and
/// history. Tenant scoping is the context's query filter; every write publishes <see cref="DealChanged"/>.
/// </summary>
public sealed class PipelineService(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    ICurrentTenant current,
    IEventBus events,
    TimeProvider time)
{
    private Guid TenantId => current.TenantId ?? throw new InvalidOperationException("The pipeline needs a current tenant.");

    private const string Gone = "This deal no longer exists.";

    private const string ChangedMeanwhile = "Someone else saved this deal since you opened it.";

    public async Task<IReadOnlyList<StageInfo>> StagesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await StagesAsync(db, cancellationToken);
    }

    public async Task<PipelineSettings> SettingsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await StageDefaults.EnsureAsync(db, TenantId, cancellationToken: cancellationToken);
        return await db.PipelineSettings.AsNoTracking().SingleAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PersonOption>> PeopleAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.DisplayName)
            .Select(u => new PersonOption(u.Id, u.DisplayName, u.TeamId)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TeamOption>> TeamsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamOption(t.Id, t.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>One column per stage with its count and sums (in SQL), and the first cards of each column.</summary>
    public async Task<Board> LoadBoardAsync(BoardFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stages = await StagesAsync(db, cancellationToken);
        var closedSince = time.GetUtcNow().UtcDateTime.AddDays(-filter.ClosedWithinDays);
        var deals = Filtered(db, filter).Where(d => d.ClosedAtUtc == null || d.ClosedAtUtc >= closedSince);

        var totals = await deals
            .GroupBy(d => new { d.StageId, d.Currency })
            .Select(g => new { g.Key.StageId, g.Key.Currency, Count = g.Count(), Sum = g.Sum(d => d.AmountMinor) })
            .ToListAsync(cancellationToken);

        var columns = new List<BoardColumn>(stages.Count);
        var shown = new List<DealCard>();
        foreach (var stage in stages)
        {
            var cards = await Cards(db, deals.Where(d => d.StageId == stage.Id).OrderBy(d => d.BoardRank).ThenBy(d => d.CreatedAtUtc).Take(filter.CardsPerColumn))
                .ToListAsync(cancellationToken);
            shown.AddRange(cards);
            var mine = totals.Where(t => t.StageId == stage.Id).OrderByDescending(t => t.Sum).ToList();
            columns.Add(new BoardColumn(
                stage,
                mine.Sum(t => t.Count),
                mine.Select(t => new CurrencyAmount(t.Currency, Money.FromMinor(t.Sum))).ToList(),
                cards));
        }

        // One look-up for the unread-alert markers of every account on the board (the user's unread alerts, by index).
        var flagged = await UnreadAlertAccountsAsync(db, shown.Select(c => c.CompanyId), cancellationToken);
        if (flagged.Count > 0)
        {
            columns = columns.Select(c => c with
            {
                Cards = c.Cards.Select(card => flagged.Contains(card.CompanyId) ? card with { HasUnreadAlert = true } : card).ToList(),
            }).ToList();
        }

        return new Board(columns);
    }

    /// <summary>Of <paramref name="companyIds"/>, the accounts on which the current user has an unread alert.</summary>
    private async Task<HashSet<Guid>> UnreadAlertAccountsAsync(PartnerForgeDbContext db, IEnumerable<Guid> companyIds, CancellationToken cancellationToken)
    {
        var ids = companyIds.Distinct().ToList();
        if (current.UserId is not { } me || ids.Count == 0)
        {
            return [];
        }

        var unread = await db.Alerts.AsNoTracking().Where(a => a.UserId == me && a.ReadAtUtc == null && ids.Contains(a.CompanyId))
            .Select(a => a.CompanyId).Distinct().ToListAsync(cancellationToken);
        return unread.ToHashSet();
    }

    /// <summary>
    /// Moves a deal to a stage, before <paramref name="beforeDealId"/> in that column (or at its end). The
    /// move is refused (<see cref="ErrorKind.Conflict"/>) when the deal changed since <paramref name="expectedVersion"/>;
    /// when done, the result holds the deal's new version.
    /// </summary>
    public Task<Result<Guid>> MoveAsync(Guid dealId, Guid toStageId, Guid expectedVersion, Guid? beforeDealId = null, string? closeReason = null, CancellationToken cancellationToken = default) =>
        MoveAsync(dealId, toStageId, expectedVersion, beforeDealId, CardPlacement.Before, closeReason, cancellationToken);

    /// <summary>
    /// Moves a deal to a stage, <paramref name="placement"/> (before or after) <paramref name="targetDealId"/> in
    /// that column, or at its end when there is no target. Refused (<see cref="ErrorKind.Conflict"/>) when the deal
    /// changed since <paramref name="expectedVersion"/>; not found when it is not in the workspace; invalid when the
    /// stage is not. When done, the result holds the deal's new version.
    /// </summary>
    public async Task<Result<Guid>> MoveAsync(Guid dealId, Guid toStageId, Guid expectedVersion, Guid? targetDealId, CardPlacement placement, string? closeReason = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == dealId, cancellationToken);
        if (deal is null)
        {
            return Result.NotFound<Guid>(Gone);
        }

        if (deal.Version != expectedVersion)
        {
            return Conflict();
        }

        var stage = await db.Stages.SingleOrDefaultAsync(s => s.Id == toStageId, cancellationToken);
        if (stage is null)
        {
            return Result.Invalid<Guid>(nameof(DealInput.StageId), "That stage does not exist.");
        }

        var rank = await RankAsync(db, toStageId, dealId, targetDealId, placement, cancellationToken);
        var change = deal.MoveTo(stage, time.GetUtcNow().UtcDateTime, current.UserId, closeReason);
        deal.PlaceAt(rank);
        if (change is not null)
        {
            db.StageChanges.Add(change);
        }

        db.Entry(deal).Property(d => d.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }

        await events.PublishAsync(new DealChanged(TenantId, deal.Id, current.UserId, DealChangeKind.Moved), cancellationToken);
        return Result.Ok(deal.Version);

        static Result<Guid> Conflict() =>
            Result.Conflict<Guid>("Someone else changed this deal a moment ago. The board now shows the latest state; make your move again if it still applies.");
    }

    public async Task<DealDetail?> GetDealAsync(Guid dealId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deal = await db.Deals.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dealId, cancellationToken);
        if (deal is null)
        {
            return null;
        }

        var card = await Cards(db, db.Deals.Where(d => d.Id == dealId)).SingleAsync(cancellationToken);
        var input = new DealInput
        {
            CompanyId = deal.CompanyId,
            Title = deal.Title,
            OwnerId = deal.OwnerId,
            StageId = deal.StageId,
            Amount = deal.Amount,
            Currency = deal.Currency,
            ExpectedCloseDate = deal.ExpectedCloseDate,
            ProbabilityOverride = deal.ProbabilityOverridden ? deal.Probability : null,
            NextStep = deal.NextStep,
            CloseReason = deal.CloseReason,
            Qualification = deal.Qualification.ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal),
        };
        return new DealDetail(card, input, deal.ProbabilityOverridden, deal.CreatedAtUtc, deal.CloseReason);
    }

    /// <summary>
    /// Creates a deal (<paramref name="dealId"/> null) or saves an edit made on <paramref name="expectedVersion"/>: invalid
    /// with messages per field, not found when the deal is gone, a conflict when someone else saved it meanwhile.
    /// </summary>
    public async Task<Result<DealSaved>> SaveDealAsync(Guid? dealId, DealInput input, Guid? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>(input.Validate(), StringComparer.Ordinal);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await StageDefaults.EnsureAsync(db, TenantId, cancellationToken: cancellationToken);
        var stage = input.StageId == Guid.Empty ? null : await db.Stages.SingleOrDefaultAsync(s => s.Id == input.StageId, cancellationToken);
        if (input.CompanyId != Guid.Empty && !await db.Companies.AnyAsync(c => c.Id == input.CompanyId, cancellationToken))
        {
            errors[nameof(DealInput.CompanyId)] = "That account is not in your workspace.";
        }

        if (input.OwnerId != Guid.Empty && !await db.Users.AnyAsync(u => u.Id == input.OwnerId && u.IsActive, cancellationToken))
        {
            errors[nameof(DealInput.OwnerId)] = "That person is not an active member of your workspace.";
        }

        if (input.StageId != Guid.Empty && stage is null)
        {
            errors[nameof(DealInput.StageId)] = "That stage does not exist.";
        }

        if (errors.Count > 0 || stage is null)
        {
            return Result.Invalid<DealSaved>(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        Domain.Pipeline.Deal deal;
        DealChangeKind kind;
        if (dealId is null)
        {
            var opened = Domain.Pipeline.Deal.Open(input.CompanyId, input.Title, input.OwnerId, stage, input.Amount!.Value, input.Currency, input.ExpectedCloseDate!.Value, now, current.UserId);
            deal = opened.Deal;
            deal.PlaceAt(await RankAsync(db, stage.Id, deal.Id, null, CardPlacement.Before, cancellationToken));
            db.Deals.Add(deal);
            db.StageChanges.Add(opened.Change);
            kind = DealChangeKind.Created;
        }
        else
        {
            var found = await db.Deals.SingleOrDefaultAsync(d => d.Id == dealId, cancellationToken);
            if (found is null)
            {
                return Result.NotFound<DealSaved>(Gone);
            }

            if (expectedVersion is { } v && found.Version != v)
            {
                return Result.Conflict<DealSaved>(ChangedMeanwhile);
            }

            deal = found;
            var change = deal.MoveTo(stage, now, current.UserId, input.CloseReason);
            if (change is not null)
            {
                db.StageChanges.Add(change);
                deal.PlaceAt(await RankAsync(db, stage.Id, deal.Id, null, CardPlacement.Before, cancellationToken));
            }

            deal.SetTitle(input.Title);
            deal.AssignTo(input.OwnerId);
            deal.SetAmount(input.Amount!.Value, input.Currency);
            deal.SetExpectedClose(input.ExpectedCloseDate!.Value);
            if (expectedVersion is { } original)
            {
                db.Entry(deal).Property(d => d.Version).OriginalValue = original;
            }

            kind = DealChangeKind.Edited;
        }

        deal.OverrideProbability(input.ProbabilityOverride, stage);
        deal.SetNextStep(input.NextStep);
        deal.SetCloseReason(input.CloseReason);
        deal.Qualify(input.Qualification);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict<DealSaved>(ChangedMeanwhile);
        }

        await events.PublishAsync(new DealChanged(TenantId, deal.Id, current.UserId, kind), cancellationToken);
        return Result.Ok(new DealSaved(deal.Id, deal.Version));
    }

    public async Task<IReadOnlyList<StageHistoryEntry>> HistoryAsync(Guid dealId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
                from c in db.StageChanges.AsNoTracking()
                where c.DealId == dealId
                join to in db.Stages on c.ToStageId equals to.Id
                join fs in db.Stages on c.FromStageId equals (Guid?)fs.Id into froms
                from f in froms.DefaultIfEmpty()
                join u in db.Users on c.ByUserId equals (Guid?)u.Id into users
                from who in users.DefaultIfEmpty()
                orderby c.AtUtc
                select new StageHistoryEntry(c.FromStageId, f == null ? null : f.Name, c.ToStageId, to.Name, c.AtUtc, who == null ? null : who.DisplayName))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DealCard>> ForCompanyAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Cards(db, db.Deals.Where(d => d.CompanyId == companyId)
                .OrderBy(d => d.ClosedAtUtc != null).ThenBy(d => d.ExpectedCloseDate))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The deals behind a dashboard figure (at most <see cref="DealQuery.Take"/>).</summary>
    public async Task<IReadOnlyList<DealCard>> QueryAsync(DealQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deals = db.Deals.AsQueryable();
        var from = query.FromUtc ?? DateTime.MinValue;
        var to = query.ToUtc ?? DateTime.MaxValue;
        deals = query.Set switch
        {
            DealSet.Won => deals.Where(d => d.Won == true && d.ClosedAtUtc >= from && d.ClosedAtUtc < to),
            DealSet.Lost => deals.Where(d => d.Won == false && d.ClosedAtUtc >= from && d.ClosedAtUtc < to),
            DealSet.Created => deals.Where(d => d.CreatedAtUtc >= from && d.CreatedAtUtc < to),
            DealSet.Closing => deals.Where(d => d.ClosedAtUtc == null && d.ExpectedCloseDate >= from && d.ExpectedCloseDate < to),
            _ => deals.Where(d => d.ClosedAtUtc == null),
        };
        if (query.StageId is { } stageId)
        {
            deals = deals.Where(d => d.StageId == stageId);
        }

        if (query.OwnerId is { } ownerId)
        {
            deals = deals.Where(d => d.OwnerId == ownerId);
        }

        if (query.OwnerIds is { } owners)
        {
            deals = deals.Where(d => owners.Contains(d.OwnerId));
        }

        if (query.Currency is { } currency)
        {
            deals = deals.Where(d => d.Currency == currency);
        }

        return await Cards(db, deals.OrderByDescending(d => d.AmountMinor).Take(query.Take)).ToListAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<StageInfo>> StagesAsync(PartnerForgeDbContext db, CancellationToken cancellationToken)
    {
        await StageDefaults.EnsureAsync(db, TenantId, cancellationToken: cancellationToken);
        return await db.Stages.AsNoTracking().OrderBy(s => s.Position)
            .Select(s => new StageInfo(s.Id, s.Name, s.Position, s.DefaultProbability, s.Kind))
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<Domain.Pipeline.Deal> Filtered(PartnerForgeDbContext db, BoardFilter filter)
    {
        var deals = db.Deals.AsNoTracking();
        if (filter.OwnerId is { } owner)
        {
            deals = deals.Where(d => d.OwnerId == owner);
        }

        if (filter.TeamId is { } team)
        {
            deals = deals.Where(d => db.Users.Any(u => u.Id == d.OwnerId && u.TeamId == team));
        }

        if (filter.Tier is { } tier)
        {
            deals = deals.Where(d => db.Companies.Any(c => c.Id == d.CompanyId && c.Tier == tier));
        }

        if (filter.CloseFrom is { } from)
        {
            deals = deals.Where(d => d.ExpectedCloseDate >= from);
        }

        if (filter.CloseTo is { } to)
        {
            deals = deals.Where(d => d.ExpectedCloseDate < to);
        }

        return deals;
    }

    private static IQueryable<DealCard> Cards(PartnerForgeDbContext db, IQueryable<Domain.Pipeline.Deal> deals) =>
        from d in deals
        join c in db.Companies on d.CompanyId equals c.Id
        join u in db.Users on d.OwnerId equals u.Id
        select new DealCard(d.Id, d.Title, d.CompanyId, c.Name, d.OwnerId, u.DisplayName, d.StageId, d.AmountMinor,
            d.Currency, d.ExpectedCloseDate, d.Probability, d.BoardRank, d.Version, d.ClosedAtUtc, d.Won) { Tier = c.Tier };

    private async Task<double> RankAsync(PartnerForgeDbContext db, Guid stageId, Guid dealId, Guid? targetDealId, CardPlacement placement, CancellationToken cancellationToken, bool renumbered = false)
    {
        var column = db.Deals.Where(d => d.StageId == stageId && d.Id != dealId);
        if (targetDealId is { } target && target != dealId)
        {
            var at = await column.Where(d => d.Id == target).Select(d => (double?)d.BoardRank).SingleOrDefaultAsync(cancellationToken);
            if (at is { } r)
            {
                var before = placement == CardPlacement.Before
                    ? await column.Where(d => d.BoardRank < r).MaxAsync(d => (double?)d.BoardRank, cancellationToken)
                    : r;
                var after = placement == CardPlacement.Before
                    ? r
                    : await column.Where(d => d.BoardRank > r).MinAsync(d => (double?)d.BoardRank, cancellationToken);
                var tied = await column.CountAsync(d => d.BoardRank == r, cancellationToken) > 1;
                if (!renumbered && (tied || PipelineMath.NeedsRenumbering(before, after)))
                {
                    await RenumberAsync(db, stageId, cancellationToken);
                    return await RankAsync(db, stageId, dealId, targetDealId, placement, cancellationToken, renumbered: true);
                }

                return PipelineMath.RankBetween(before, after);
            }
        }

        var last = await column.MaxAsync(d => (double?)d.BoardRank, cancellationToken);
        return PipelineMath.RankBetween(last, null);
    }

    /// <summary>
    /// Spreads a column's ranks out again (1024 apart, in board order) when two neighbours are too close to
    /// put a card between them, or tied. One statement; ranks are only an order, so deals keep their
    /// <see cref="Domain.Pipeline.Deal.Version"/> (nobody's open edit conflicts because a neighbour moved).
    /// </summary>
    private async Task RenumberAsync(PartnerForgeDbContext db, Guid stageId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(RenumberSql, [TenantId, stageId], cancellationToken);
    }

    /// <summary>
    /// The renumbering statement, {0} the tenant and {1} the stage (EF makes them parameters). Standard SQL that
    /// SQLite, PostgreSQL and SQL Server (T-SQL's UPDATE … FROM, quoted identifiers on) all take as written;
    /// <c>ProviderSqlTests</c> parses it as T-SQL.
    /// </summary>
    internal const string RenumberSql = """
        UPDATE "Deals" SET "BoardRank" = ranked.rn * 1024.0
        FROM (SELECT "Id", ROW_NUMBER() OVER (ORDER BY "BoardRank", "CreatedAtUtc") AS rn
              FROM "Deals" WHERE "TenantId" = {0} AND "StageId" = {1}) AS ranked
        WHERE "Deals"."Id" = ranked."Id"
        """;
}
