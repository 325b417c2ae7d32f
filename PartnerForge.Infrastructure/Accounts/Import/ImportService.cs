using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Contacts.Import;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;
using Quartz;

namespace PartnerForge.Infrastructure.Accounts.Import;

/// <summary>A file uploaded for import, not started yet (the import page holds it between steps).</summary>
public sealed record StagedUpload(Guid UploadId, string FileName, long Bytes, CsvFileShape Shape, IReadOnlyList<ImportField?> SuggestedMapping);

/// <summary>What to import: accounts (matched on <paramref name="MatchFields"/>), or contacts (matched on Email only).</summary>
public sealed record ImportRequest(Guid UploadId, string FileName, IReadOnlyList<ImportField?> Mapping, ImportMode Mode, IReadOnlyList<MatchField> MatchFields,
    ImportKind Kind = ImportKind.Accounts);

/// <summary>What the import page does: stage an upload, start an import, list history, revert, find the error file.</summary>
public sealed class ImportService(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    ImportFiles files,
    ICurrentTenant tenant,
    ISchedulerFactory schedulers,
    IEventBus events,
    TimeProvider time)
{
    private Guid TenantId => tenant.TenantId ?? throw new InvalidOperationException("Imports need a signed-in tenant.");

    /// <summary>Stages an upload for an account import (see the overload with the import's kind).</summary>
    public Task<StagedUpload> StageAsync(Stream content, string fileName, long maxBytes, CancellationToken cancellationToken = default) =>
        StageAsync(content, fileName, maxBytes, ImportKind.Accounts, cancellationToken);

    /// <summary>
    /// Copies the upload to the tenant's import folder (streamed) and inspects it; the suggested mapping is for an
    /// import of <paramref name="kind"/>. Throws <see cref="InvalidDataException"/> past the cap.
    /// </summary>
    public async Task<StagedUpload> StageAsync(Stream content, string fileName, long maxBytes, ImportKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var uploadId = Guid.NewGuid();
        var path = files.StagingPath(TenantId, uploadId);
        long bytes = 0;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    bytes += read;
                    if (bytes > maxBytes)
                    {
                        throw new InvalidDataException($"The file is larger than the {maxBytes / (1024 * 1024)} MB an import accepts.");
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            var shape = CsvSource.Inspect(path);
            if (shape.Headers.Count == 0)
            {
                throw new InvalidDataException("The file is empty: it has no header row.");
            }

            return new StagedUpload(uploadId, Path.GetFileName(fileName), bytes, shape, HeaderMapping.AutoMap(shape.Headers, kind));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(path);
            // The server's own storage failed: say so in words, never with the server's paths.
            throw new ImportStorageException(DatabaseErrors.IsStorageFull(ex)
                ? "The server's storage is full, so the file could not be saved. Nothing was imported; try again once space is freed."
                : "The server could not save the file: its import folder is not writable. Nothing was imported; tell your admin.", ex);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing was written, or the folder cannot be changed at all: nothing to clean up.
        }
    }

    /// <summary>Creates the import and queues the background job; returns the import id.</summary>
    public async Task<Guid> StartAsync(ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var staged = files.StagingPath(TenantId, request.UploadId);
        if (!File.Exists(staged))
        {
            throw new InvalidOperationException("The uploaded file is gone; upload it again.");
        }

        var shape = CsvSource.Inspect(staged, previewRows: 0);
        if (request.Mapping.Count != shape.Headers.Count)
        {
            throw new InvalidOperationException($"The mapping has {request.Mapping.Count} columns; the file has {shape.Headers.Count}.");
        }

        if (HeaderMapping.Problem(request.Kind, request.Mapping, request.Mode, request.MatchFields) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var job = new ImportJob(tenant.UserId, request.FileName, new FileInfo(staged).Length, shape.EncodingName, shape.Delimiter,
            ImportRunner.MappingJson(request.Mapping), request.Mode, request.MatchFields, time.GetUtcNow().UtcDateTime, request.Kind);
        job.StampTenant(TenantId);
        File.Move(staged, files.UploadPath(TenantId, job.Id));
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Add(job);
            await db.SaveChangesAsync(cancellationToken);
        }

        await ImportAccountsJob.ScheduleAsync(schedulers, TenantId, tenant.UserId, job.Id, cancellationToken);
        await events.PublishAsync(ImportProgressed.Of(job), cancellationToken);
        return job.Id;
    }

    public async Task<IReadOnlyList<ImportJob>> HistoryAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ImportJob>().AsNoTracking().OrderByDescending(j => j.CreatedAtUtc).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<ImportJob?> FindAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ImportJob>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == importId, cancellationToken);
    }

    /// <summary>The error file of an import of the current tenant, or null (another tenant's import is "not found").</summary>
    public async Task<(string Path, string DownloadName)?> ErrorFileAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        var job = await FindAsync(importId, cancellationToken);
        if (job is null)
        {
            return null;
        }

        var path = files.ErrorPath(job.TenantId, job.Id);
        return File.Exists(path) ? (path, Path.GetFileNameWithoutExtension(job.FileName) + "-errors.csv") : null;
    }

    /// <summary>
    /// Undoes exactly what the import did: deletes the accounts or contacts it created (their ImportId) and puts the
    /// ones it updated back to their values before (ImportChange), an account's tags and a contact's account included.
    /// Returns false when the import is not this tenant's or cannot be reverted (queued, running, already reverted).
    /// </summary>
    public async Task<bool> RevertAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.Set<ImportJob>().SingleOrDefaultAsync(j => j.Id == importId, cancellationToken);
        if (job is null || !job.CanRevert)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (deleted, restored) = job.Kind == ImportKind.Contacts
            ? await ContactImportRevert.RevertAsync(db, job, now, cancellationToken)
            : await RevertAccountsAsync(db, job, now, cancellationToken);

        job.MarkReverted(now);
        db.AuditEntries.Add(new AuditEntry(job.TenantId, tenant.UserId, AuditAction.Deleted, nameof(ImportJob), job.Id,
            System.Text.Json.JsonSerializer.Serialize(new { reverted = new { old = (object?)null, @new = new { deleted, restored } } }), tenant.Origin.Length > 100 ? tenant.Origin[..100] : tenant.Origin, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await events.PublishAsync(ImportProgressed.Of(job), cancellationToken);
        return true;
    }

    private static async Task<(int Deleted, long Restored)> RevertAccountsAsync(PartnerForgeDbContext db, ImportJob job, DateTime now, CancellationToken cancellationToken)
    {
        var importId = job.Id;
        await db.CompanyTags.Where(t => db.Companies.Any(c => c.Id == t.CompanyId && c.ImportId == importId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Companies.Where(c => c.ImportId == importId).ExecuteDeleteAsync(cancellationToken);

        long restored = 0;
        long lastRow = 0;
        while (true)
        {
            var changes = await db.Set<ImportChange>().AsNoTracking()
                .Where(x => x.ImportId == importId && x.RowNumber > lastRow)
                .OrderBy(x => x.RowNumber).Take(1000).ToListAsync(cancellationToken);
            if (changes.Count == 0)
            {
                break;
            }

            lastRow = changes[^1].RowNumber;
            var ids = changes.Select(x => x.CompanyId).ToList();
            var companies = await db.Companies.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            var tags = await db.CompanyTags.Where(t => ids.Contains(t.CompanyId)).ToListAsync(cancellationToken);
            foreach (var change in changes)
            {
                if (!companies.TryGetValue(change.CompanyId, out var company))
                {
                    continue; // deleted since (by a person, or by reverting the import that created it)
                }

                var before = CompanySnapshot.FromJson(change.Before);
                before.RestoreOnto(company, now);
                var keep = before.Tags.Select(Domain.Accounts.CompanyTag.Normalize).ToHashSet(StringComparer.Ordinal);
                var current = tags.Where(t => t.CompanyId == company.Id).ToList();
                db.CompanyTags.RemoveRange(current.Where(t => !keep.Contains(t.NormalizedTag)));
                foreach (var missing in before.Tags.Where(t => current.All(c => c.NormalizedTag != Domain.Accounts.CompanyTag.Normalize(t))))
                {
                    db.CompanyTags.Add(new Domain.Accounts.CompanyTag(company.Id, missing));
                }

                restored++;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            db.Attach(job);
        }

        return (deleted, restored);
    }

    /// <summary>Deletes an upload that was staged but not imported.</summary>
    public void Discard(Guid uploadId)
    {
        var path = files.StagingPath(TenantId, uploadId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}

/// <summary>The server could not store an upload (full or read-only storage); the message is safe to show.</summary>
public sealed class ImportStorageException(string message, Exception inner) : Exception(message, inner);
