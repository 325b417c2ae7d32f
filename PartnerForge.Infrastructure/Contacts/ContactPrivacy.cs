using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Auditing;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Contacts;

/// <summary>The privacy export of one person: a JSON document and the name to save it under.</summary>
public sealed record ContactExport(string FileName, string Json);

/// <summary>What the erase dialog tells an admin before they confirm.</summary>
public sealed record ErasurePreview(string FullName, string AccountName, bool HasEmail, int Enrolments, int Touches);

/// <summary>
/// Privacy requests about one contact (DESIGN.md §8), for workspace admins only: export everything the workspace holds on
/// the person as JSON, and erase it — the contact, their enrolments and e-mails, their name and address wherever the
/// account's timeline, alerts, intelligence snapshots, the audit log and digests hold them — in one transaction, keeping
/// only a keyed hash of the address on the suppression list so no sequence writes to them again. Each request is audited;
/// the erasure's entry names the account, not the person. Pages and the REST API both call it.
/// </summary>
public sealed class ContactPrivacy(IDbContextFactory<PartnerForgeDbContext> contexts, ICurrentTenant tenant, TimeProvider time)
{
    private const string NoSuchContact = "There is no such contact in your workspace.";
    private const string AdminsOnly = "Only a workspace admin can export or erase a person's data.";
    private static readonly string[] AdminRoles = [Roles.TenantAdmin, Roles.PlatformAdmin];
    private static readonly JsonSerializerOptions AuditJson = new();

    public async Task<Result<ErasurePreview>> PreviewAsync(Guid contactId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await IsAdminAsync(db, cancellationToken))
        {
            return Result.Forbidden<ErasurePreview>(AdminsOnly);
        }

        var found = await db.Contacts.Where(c => c.Id == contactId)
            .Select(c => new { c.FullName, c.Email, Account = db.Companies.Where(a => a.Id == c.CompanyId).Select(a => a.Name).First() })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return Result.NotFound<ErasurePreview>(NoSuchContact);
        }

        var enrolments = db.Enrolments.Where(e => e.ContactId == contactId).Select(e => e.Id);
        var touches = await db.Touches.CountAsync(t => t.ContactId == contactId || enrolments.Contains(t.EnrolmentId), cancellationToken);
        return Result.Ok(new ErasurePreview(found.FullName, found.Account, found.Email is not null, await enrolments.CountAsync(cancellationToken), touches));
    }

    /// <summary>Everything held on the person, as indented camelCase JSON; audited as "exported contact …".</summary>
    public async Task<Result<ContactExport>> ExportAsync(Guid contactId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await IsAdminAsync(db, cancellationToken))
        {
            return Result.Forbidden<ContactExport>(AdminsOnly);
        }

        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
        {
            return Result.NotFound<ContactExport>(NoSuchContact);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var document = await ContactExportReader.ReadAsync(db, contact, TenantId, tenant.UserId, now, cancellationToken);
        db.AuditEntries.Add(Audit(AuditAction.Exported, contact.Id, $"Exported everything held on contact {contact.FullName} at {document.Contact.Account}", now));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok(new ContactExport(FileName(contact.FullName), JsonSerializer.Serialize(document, ContactExportReader.Json)));
    }

    /// <summary>
    /// Erases the person in one transaction (see the class summary). On SQLite the erasure overwrites what it deletes
    /// (<c>secure_delete</c>) and checkpoints the write-ahead log, so the name is not left in free pages of the file.
    /// </summary>
    public async Task<Result<ErasureSummary>> EraseAsync(Guid contactId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await IsAdminAsync(db, cancellationToken))
        {
            return Result.Forbidden<ErasureSummary>(AdminsOnly);
        }

        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
        {
            return Result.NotFound<ErasureSummary>(NoSuchContact);
        }

        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON;", cancellationToken);
            }

            ErasureSummary summary;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                summary = await EraseInAsync(db, contact, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            if (sqlite)
            {
                await CheckpointAsync(db, cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = OFF;", cancellationToken);
            }

            return Result.Ok(summary);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Copies the write-ahead log into the database file and empties it, so the erased pages replace the old ones in the
    /// file. A checkpoint cannot finish while another connection still reads an older snapshot (it answers "busy"), so it
    /// is tried again for up to five seconds.
    /// </summary>
    private static async Task CheckpointAsync(PartnerForgeDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) == 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private async Task<ErasureSummary> EraseInAsync(PartnerForgeDbContext db, Contact contact, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var account = await db.Companies.Where(c => c.Id == contact.CompanyId).Select(c => c.Name).SingleAsync(ct);
        var person = new PersonScrubber(contact.FullName, contact.Email);
        var suppressed = await ContactErasure.SuppressAsync(db, TenantId, contact.Email, now, ct);
        var (enrolments, touchIds) = await ContactErasure.RemoveOutreachAsync(db, contact.Id, ct);
        var changes = await ContactErasure.ScrubTimelineAsync(db, contact.CompanyId, touchIds, person, ct);
        var alerts = await ContactErasure.ScrubAlertsAsync(db, contact.CompanyId, account, changes, person, ct);
        var snapshots = await ContactErasure.ScrubSnapshotsAsync(db, contact.CompanyId, person, ct);
        var committee = await ContactErasure.RemoveCommitteeDecisionsAsync(db, contact, person, ct);
        var (audits, digests) = await ContactErasure.ScrubLogsAsync(db, person, ct);
        db.Contacts.Remove(contact);
        var summary = new ErasureSummary(account, suppressed, enrolments, touchIds.Count, changes.Count, alerts, snapshots, committee, audits, digests);
        db.AuditEntries.Add(Audit(AuditAction.Erased, contact.Id, summary.Sentence(), now));
        await db.SaveChangesAsync(ct);
        return summary;
    }

    private async Task<bool> IsAdminAsync(PartnerForgeDbContext db, CancellationToken ct)
    {
        if (tenant.UserId is not { } userId)
        {
            return false;
        }

        return await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, ct)
            && await db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && AdminRoles.Contains(r.Name)), ct);
    }

    private AuditEntry Audit(AuditAction action, Guid contactId, string what, DateTime now)
    {
        var changes = JsonSerializer.Serialize(new Dictionary<string, object?> { [AuditDescriber.PrivacyField] = new { old = (string?)null, @new = what } }, AuditJson);
        var origin = tenant.Origin.Length > 100 ? tenant.Origin[..100] : tenant.Origin;
        return new AuditEntry(TenantId, tenant.UserId, action, nameof(Contact), contactId, changes, origin, now);
    }

    /// <summary>"contact-ada-lovelace.json": the person's name in ASCII letters and digits.</summary>
    internal static string FileName(string fullName)
    {
        var safe = new string(fullName.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        safe = string.Join('-', safe.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return "contact-" + (safe.Length == 0 ? "data" : safe[..Math.Min(60, safe.Length)]) + ".json";
    }

    private Guid TenantId => tenant.TenantId ?? throw new InvalidOperationException("Privacy requests are made in a workspace.");
}
