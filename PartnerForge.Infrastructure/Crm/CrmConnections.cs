using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Persistence;
using Quartz;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>How a connection is doing, for the admin page's badge.</summary>
public enum CrmHealth
{
    /// <summary>Connected; the last sync went through (or none ran yet).</summary>
    Healthy,

    /// <summary>Connected; some records failed in the last sync (see its log, retry them).</summary>
    SomeRecordsFailed,

    /// <summary>Connected, but the last sync stopped (the CRM could not be reached, or refused).</summary>
    LastSyncFailed,

    /// <summary>The CRM refused our access: an admin must connect again.</summary>
    NeedsReconnect,

    /// <summary>Disconnected by an admin.</summary>
    Disconnected,
}

/// <summary>A connection as the admin page lists it: no tokens, the connecting admin by name, its health and last run.</summary>
public sealed record CrmConnectionRow(Guid Id, CrmProvider Provider, string AccountName, CrmConnectionState State, CrmHealth Health, string ConnectedBy,
    DateTime ConnectedAtUtc, DateTime? AccessTokenExpiresAtUtc, DateTime? LastSyncAtUtc, string? LastError, int SyncIntervalMinutes, SyncRunRow? LastRun);

/// <summary>One field mapping, read or to be saved.</summary>
public sealed record CrmFieldMapRow(CrmObjectKind Kind, SyncDirection Direction, string OurField, string CrmProperty, ConflictPolicy Policy);

/// <summary>
/// The CRM connections of the current workspace, for the admin page: list with health, disconnect (revoke), the sync
/// schedule, and the field map (read, save whole). Connecting is <see cref="CrmOAuth"/>; syncing is <see cref="CrmSyncService"/>.
/// </summary>
public sealed partial class CrmConnections(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    CrmTokens tokens,
    IEnumerable<ICrmAuthClient> clients,
    CrmSyncService sync,
    ISchedulerFactory schedulers)
{
    public async Task<IReadOnlyList<CrmConnectionRow>> ListAsync(CancellationToken cancellationToken = default) =>
        await RowsAsync(null, cancellationToken);

    /// <summary>One connection of the workspace as the list shows it, or null.</summary>
    public async Task<CrmConnectionRow?> GetAsync(Guid connectionId, CancellationToken cancellationToken = default) =>
        (await RowsAsync(connectionId, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<CrmConnectionRow>> RowsAsync(Guid? only, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.CrmConnections.AsNoTracking();
        if (only is { } id)
        {
            query = query.Where(c => c.Id == id);
        }

        var connections = await query.OrderBy(c => c.Provider).ThenBy(c => c.AccountName).ToListAsync(cancellationToken);
        var userIds = connections.Select(c => c.ConnectedByUserId).Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var rows = new List<CrmConnectionRow>(connections.Count);
        foreach (var c in connections)
        {
            var runs = await sync.RunsAsync(c.Id, 1, cancellationToken); // a workspace has one or two connections
            var last = runs.Count > 0 ? runs[0] : null;
            rows.Add(new CrmConnectionRow(c.Id, c.Provider, c.AccountName, c.State, HealthOf(c, last), names.GetValueOrDefault(c.ConnectedByUserId, "A former user"),
                c.ConnectedAtUtc, c.AccessTokenExpiresAtUtc, c.LastSyncAtUtc, c.LastError, c.SyncIntervalMinutes, last));
        }

        return rows;
    }

    /// <summary>
    /// Disconnects: tells the CRM to forget our refresh token (best effort), forgets the tokens here and stops the
    /// schedule. Links and the sync log stay, so connecting the same CRM account again picks up where it was.
    /// </summary>
    public async Task<Result> RevokeAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.CrmConnections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return Result.NotFound("There is no such CRM connection in your workspace.");
        }

        if (connection.ProtectedRefreshToken is { Length: > 0 } refresh)
        {
            try
            {
                await clients.For(connection.Provider).RevokeAsync(tokens.Unprotect(refresh), cancellationToken);
            }
            catch (HttpRequestException)
            {
                // The CRM cannot be reached: the tokens are forgotten here all the same.
            }
        }

        connection.Revoke();
        await db.SaveChangesAsync(cancellationToken);
        await CrmSyncJob.ScheduleAsync(schedulers, connection, cancellationToken);
        return Result.Ok();
    }

    /// <summary>How often the connection syncs on its own: 0 (off) or 5 minutes to a week.</summary>
    public async Task<Result> SetSyncIntervalAsync(Guid connectionId, int minutes, CancellationToken cancellationToken = default)
    {
        if (minutes is < 0 or > 7 * 24 * 60 || minutes is > 0 and < 5)
        {
            return Result.Invalid("SyncIntervalMinutes", "Sync every 5 minutes to once a week, or 0 to sync only when asked.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.CrmConnections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return Result.NotFound("There is no such CRM connection in your workspace.");
        }

        connection.SetSyncInterval(minutes);
        await db.SaveChangesAsync(cancellationToken);
        await CrmSyncJob.ScheduleAsync(schedulers, connection, cancellationToken);
        return Result.Ok();
    }

    public async Task<IReadOnlyList<CrmFieldMapRow>> FieldMapAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CrmFieldMappings.AsNoTracking().Where(m => m.ConnectionId == connectionId)
            .OrderBy(m => m.Direction).ThenBy(m => m.ObjectKind).ThenBy(m => m.OurField)
            .Select(m => new CrmFieldMapRow(m.ObjectKind, m.Direction, m.OurField, m.CrmProperty, m.Policy)).ToListAsync(cancellationToken);
    }

    /// <summary>Replaces the connection's field map. Field errors are keyed <c>"{index}.CrmProperty"</c> / <c>"{index}.OurField"</c>.</summary>
    public async Task<Result> SaveFieldMapAsync(Guid connectionId, IReadOnlyList<CrmFieldMapRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = Validate(rows);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.CrmConnections.AnyAsync(c => c.Id == connectionId, cancellationToken))
        {
            return Result.NotFound("There is no such CRM connection in your workspace.");
        }

        db.CrmFieldMappings.RemoveRange(await db.CrmFieldMappings.Where(m => m.ConnectionId == connectionId).ToListAsync(cancellationToken));
        db.CrmFieldMappings.AddRange(rows.Select(r => new CrmFieldMapping(connectionId, r.Kind, r.Direction, r.OurField, r.CrmProperty, r.Policy)));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }

    private static Dictionary<string, string> Validate(IReadOnlyList<CrmFieldMapRow> rows)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<(CrmObjectKind, SyncDirection, string)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (!CrmFields.IsKnown(r.Kind, r.Direction, r.OurField))
            {
                errors[$"{i}.OurField"] = $"{r.OurField} is not a field PartnerForge can {(r.Direction == SyncDirection.Pull ? "take from" : "send to")} a CRM {r.Kind.ToString().ToLowerInvariant()}.";
            }
            else if (!seen.Add((r.Kind, r.Direction, r.OurField)))
            {
                errors[$"{i}.OurField"] = $"{r.OurField} is mapped twice.";
            }

            if (string.IsNullOrWhiteSpace(r.CrmProperty) || !PropertyName().IsMatch(r.CrmProperty.Trim()))
            {
                errors[$"{i}.CrmProperty"] = "Use the CRM property's internal name: letters, digits and underscores, up to 100 characters.";
            }

            if (!Enum.IsDefined(r.Policy))
            {
                errors[$"{i}.Policy"] = "Choose what wins when both sides changed.";
            }
        }

        return errors;
    }

    internal static CrmHealth HealthOf(CrmConnection c, SyncRunRow? last) => c.State switch
    {
        CrmConnectionState.Revoked => CrmHealth.Disconnected,
        CrmConnectionState.NeedsReconnect => CrmHealth.NeedsReconnect,
        _ => last?.State switch
        {
            SyncRunState.Failed => CrmHealth.LastSyncFailed,
            SyncRunState.PartlyFailed => CrmHealth.SomeRecordsFailed,
            _ => CrmHealth.Healthy,
        },
    };

    [GeneratedRegex("^[A-Za-z0-9_]{1,100}$")]
    private static partial Regex PropertyName();
}
