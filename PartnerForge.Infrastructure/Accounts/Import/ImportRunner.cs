using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Contacts.Import;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts.Import;

/// <summary>
/// Runs one queued import for the current tenant: streams the file batch by batch; per batch validates rows,
/// finds the accounts they match (one query), reports duplicates (a set for the batch, plus the rows this
/// import already wrote, found in the database), bulk-writes new accounts, updates matched ones through EF
/// (audited, with an <see cref="ImportChange"/> each), and saves the progress, all in one transaction. Memory
/// stays flat: only one batch is held at a time. Rows that are not imported go to the error file.
/// </summary>
public sealed class ImportRunner(
    IDbContextFactory<PartnerForgeDbContext> contexts,
    ImportFiles files,
    IEventBus events,
    ICurrentTenant tenant,
    TimeProvider time,
    IOptions<ImportSettings> settings,
    ILogger<ImportRunner> logger,
    Observability.PartnerForgeMetrics? metrics = null)
{
    public const string InterruptedMessage = "The import was interrupted (the app stopped). The rows counted were imported; revert the import or import the remaining rows again.";

    public async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("An import runs for a tenant.");
        ImportJob job;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            job = await db.Set<ImportJob>().SingleOrDefaultAsync(j => j.Id == importId, cancellationToken)
                ?? throw new InvalidOperationException($"Import {importId} does not exist in this tenant.");
            if (job.State == ImportJobState.Running)
            {
                // Recovered after a crash or restart: the batches committed so far stay, and are counted.
                logger.LogWarning("Import {ImportId} of {FileName} was interrupted after {Rows} rows; reported as interrupted", job.Id, job.FileName, job.RowsRead);
                job.Fail(InterruptedMessage, Now);
                await db.SaveChangesAsync(CancellationToken.None);
                await PublishAsync(job);
                return;
            }

            if (job.State != ImportJobState.Queued)
            {
                return;
            }

            job.Start(Now);
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation("Import {ImportId} of {FileName} started", job.Id, job.FileName);

        await PublishAsync(job);
        try
        {
            var counts = await ImportAsync(job, tenantId, cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            job = await db.Set<ImportJob>().SingleAsync(j => j.Id == importId, CancellationToken.None);
            job.Complete(Now);
            db.AuditEntries.Add(Summary(job, AuditAction.Created, new Dictionary<string, long>
            {
                ["created"] = counts.Created,
                ["updated"] = counts.Updated,
                ["unchanged"] = counts.Unchanged,
                ["errors"] = counts.Errors,
            }));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var reason = ex is OperationCanceledException ? InterruptedMessage : $"The import stopped: {ex.Message}";
            logger.LogWarning(ex, "Import {ImportId} failed", importId);
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            job = await db.Set<ImportJob>().SingleAsync(j => j.Id == importId, CancellationToken.None);
            job.Fail(reason, Now);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        await PublishAsync(job);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private Task PublishAsync(ImportJob job) => events.PublishAsync(ImportProgressed.Of(job));

    private AuditEntry Summary(ImportJob job, AuditAction action, Dictionary<string, long> figures) =>
        new(job.TenantId, tenant.UserId, action, nameof(ImportJob), job.Id,
            JsonSerializer.Serialize(figures.ToDictionary(f => f.Key, f => new { old = (long?)null, @new = f.Value })),
            tenant.Origin.Length > 100 ? tenant.Origin[..100] : tenant.Origin, Now);

    private async Task<ImportCounts> ImportAsync(ImportJob job, Guid tenantId, CancellationToken cancellationToken)
    {
        var owners = job.Kind == ImportKind.Accounts ? await LoadOwnersAsync(cancellationToken) : new Dictionary<string, Guid>(StringComparer.Ordinal);
        var counts = new ImportCounts();
        var batchSize = settings.Value.BatchSize;

        await using var upload = new FileStream(files.UploadPath(tenantId, job.Id), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        await using var errorFile = new StreamWriter(files.ErrorPath(tenantId, job.Id), append: false, new UTF8Encoding(true));
        var errors = new ImportErrorWriter(errorFile);
        var clock = Stopwatch.StartNew();
        ImportBatch? context = null;
        var batch = new List<CsvRow>(batchSize);
        foreach (var row in CsvSource.Read(upload, EncodingNames.Get(job.Encoding), job.Delimiter))
        {
            if (row.RowNumber == 1)
            {
                errors.Header(row.Cells);
                context = new ImportBatch(job.Id, job.Kind, job.Mode, tenantId, job.UserId, row.Cells.Length, ParseMapping(job.Mapping), job.MatchFieldList, owners, counts, errors);
                continue;
            }

            batch.Add(row);
            if (batch.Count == batchSize)
            {
                await ProcessBatchAsync(context!, batch, upload.Position, clock, cancellationToken);
                batch.Clear();
            }
        }

        if (context is not null)
        {
            await ProcessBatchAsync(context, batch, upload.Length, clock, cancellationToken);
        }

        await errorFile.FlushAsync(cancellationToken);
        return counts;
    }

    private async Task<Dictionary<string, Guid>> LoadOwnersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.IsActive)
            .ToDictionaryAsync(u => u.NormalizedEmail, u => u.Id, StringComparer.Ordinal, cancellationToken);
    }

    internal static IReadOnlyList<ImportField?> ParseMapping(string json) =>
        (JsonSerializer.Deserialize<List<string?>>(json) ?? [])
            .Select(name => name is null ? (ImportField?)null : Enum.Parse<ImportField>(name))
            .ToList();

    public static string MappingJson(IReadOnlyList<ImportField?> mapping) =>
        JsonSerializer.Serialize(mapping.Select(f => f?.ToString()).ToList());

    private sealed record ValidRow(CsvRow Row, ImportedCompany Company, string Key);

    /// <summary>
    /// One batch in one transaction: rows of the wrong shape go to the error file, the others are written by the
    /// import's kind (accounts here, contacts by <see cref="ContactImportWriter"/>); then the progress is saved with them.
    /// </summary>
    private async Task ProcessBatchAsync(ImportBatch batch, List<CsvRow> rows, long bytesRead, Stopwatch clock, CancellationToken cancellationToken)
    {
        var now = Now;
        var counts = batch.Counts;
        var countsBefore = (counts.Created, counts.Updated, counts.Unchanged, counts.Errors);
        var wellFormed = rows.Where(row => WellFormed(batch, row)).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (batch.Kind == ImportKind.Contacts)
        {
            await ContactImportWriter.WriteAsync(db, batch, wellFormed, now, cancellationToken);
        }
        else
        {
            await WriteAccountsAsync(db, batch, ValidAccounts(batch, wellFormed), now, cancellationToken);
        }

        var job = await db.Set<ImportJob>().SingleAsync(j => j.Id == batch.ImportId, cancellationToken);
        job.Progress(counts, bytesRead, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        RecordRows(countsBefore, counts);
        await batch.Errors.FlushAsync();
        logger.LogDebug("Import {ImportId}: {Rows} rows in {Seconds:0.0} s", batch.ImportId, counts.RowsRead, clock.Elapsed.TotalSeconds);
        await PublishAsync(job);
    }

    /// <summary>Counts the row; false (with a line in the error file) when its quoting or its number of fields is wrong.</summary>
    private static bool WellFormed(ImportBatch batch, CsvRow row)
    {
        batch.Counts.RowsRead++;
        if (row.Malformed)
        {
            batch.Errors.Write(batch.Counts, row, "The row's quotes are malformed (a quote inside a field must be doubled).");
            return false;
        }

        if (row.Cells.Length != batch.HeaderCount)
        {
            batch.Errors.Write(batch.Counts, row, $"The row has {row.Cells.Length} fields; the header has {batch.HeaderCount}.");
            return false;
        }

        return true;
    }

    /// <summary>The rows that are valid accounts with a match key, first row of each key only (the others are duplicates).</summary>
    private static List<ValidRow> ValidAccounts(ImportBatch batch, List<CsvRow> rows)
    {
        var (counts, errors, matchFields) = (batch.Counts, batch.Errors, batch.MatchFields);
        var valid = new List<ValidRow>(rows.Count);
        var firstRowOfKey = new Dictionary<string, long>(StringComparer.Ordinal);
        Guid? OwnerByEmail(string email) => batch.Owners.TryGetValue(email.Trim().ToUpperInvariant(), out var id) ? id : null;

        foreach (var row in rows)
        {
            var (company, problems) = ImportRowValidator.Validate(row.Cells, batch.Mapping, OwnerByEmail);
            if (company is null)
            {
                errors.Write(counts, row, string.Join(" ", problems));
                continue;
            }

            var (key, keyError) = company.MatchKey(matchFields);
            if (key is null)
            {
                errors.Write(counts, row, keyError!);
                continue;
            }

            if (firstRowOfKey.TryGetValue(key, out var first))
            {
                errors.Duplicate(counts, row, $"Duplicate of row {first} (same {string.Join(" + ", matchFields)}).");
                continue;
            }

            firstRowOfKey[key] = row.RowNumber;
            valid.Add(new ValidRow(row, company, key));
        }

        return valid;
    }

    private static async Task WriteAccountsAsync(PartnerForgeDbContext db, ImportBatch batch, List<ValidRow> valid, DateTime now, CancellationToken cancellationToken)
    {
        var (importId, mode, tenantId, matchFields, counts, errors) = (batch.ImportId, batch.Mode, batch.TenantId, batch.MatchFields, batch.Counts, batch.Errors);

        // The existing accounts this batch can touch: by domain (matching, and the unique domain of new rows),
        // and by name when names are matched on. One query each.
        var domains = valid.Where(v => v.Company.Domain is not null).Select(v => v.Company.Domain!.Value.Value).Distinct().ToList();
        var byDomain = await ExistingByDomainAsync(db, tenantId, domains, cancellationToken);
        var byKey = new Dictionary<string, List<Company>>(StringComparer.Ordinal);
        if (matchFields.Contains(MatchField.Domain))
        {
            foreach (var company in byDomain.Values)
            {
                byKey[ImportedCompany.KeyOf(company, matchFields)] = [company];
            }
        }
        else
        {
            var names = valid.Where(v => v.Company.Name is not null).Select(v => Company.SearchKey(v.Company.Name!)).Distinct().ToList();
            var named = names.Count == 0 ? [] : await db.Companies.Where(c => names.Contains(c.SearchName)).ToListAsync(cancellationToken);
            foreach (var company in named)
            {
                var key = ImportedCompany.KeyOf(company, matchFields);
                if (!byKey.TryGetValue(key, out var list))
                {
                    byKey[key] = list = [];
                }

                list.Add(company);
            }
        }

        var matchedIds = byKey.Values.SelectMany(l => l).Select(c => c.Id).Distinct().ToList();
        var touchedByThisImport = matchedIds.Count == 0
            ? []
            : (await db.Set<ImportChange>().Where(x => x.ImportId == importId && matchedIds.Contains(x.CompanyId)).Select(x => x.CompanyId).ToListAsync(cancellationToken)).ToHashSet();
        var tagsOf = matchedIds.Count == 0
            ? []
            : (await db.CompanyTags.Where(t => matchedIds.Contains(t.CompanyId)).ToListAsync(cancellationToken))
                .GroupBy(t => t.CompanyId).ToDictionary(g => g.Key, g => g.Select(t => t.Tag).ToList());

        var newCompanies = new List<Company>();
        var newTags = new List<CompanyTag>();
        var domainsTaken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, imported, key) in valid)
        {
            byKey.TryGetValue(key, out var candidates);
            if (candidates is { Count: > 1 })
            {
                errors.Write(counts, row, $"{candidates.Count} accounts match this row's {string.Join(" + ", matchFields)}; add Domain to the match fields.");
                continue;
            }

            var match = candidates?[0];
            if (match is not null && (match.ImportId == importId || touchedByThisImport.Contains(match.Id)))
            {
                errors.Duplicate(counts, row, "Duplicate of an earlier row of this file (this import already wrote that account).");
                continue;
            }

            var domain = imported.Domain?.Value;
            if (match is null)
            {
                if (mode == ImportMode.UpdateOnly)
                {
                    errors.Write(counts, row, "No existing account matches this row; update-only mode creates none.");
                    continue;
                }

                if (ImportMerge.CannotCreate(imported) is { } why)
                {
                    errors.Write(counts, row, why);
                    continue;
                }

                if (byDomain.TryGetValue(domain!, out var holder))
                {
                    if (holder.ImportId == importId)
                    {
                        errors.Duplicate(counts, row, $"Duplicate of an earlier row of this file (domain {domain}).");
                    }
                    else
                    {
                        errors.Write(counts, row, $"Another account, {holder.Name}, already has the domain {domain}.");
                    }

                    continue;
                }

                if (!domainsTaken.Add(domain!))
                {
                    errors.Duplicate(counts, row, $"Duplicate of an earlier row of this file (domain {domain}).");
                    continue;
                }

                var created = new Company(imported.Name!, imported.Domain!.Value, now);
                created.StampTenant(tenantId);
                if (imported.Industry is not null || imported.Country is not null || imported.EmployeeBand is not null || imported.RevenueBand is not null)
                {
                    created.SetFirmographics(imported.Industry, imported.Country, imported.EmployeeBand, imported.RevenueBand, now);
                }

                if (imported.OwnerId is not null)
                {
                    created.AssignOwner(imported.OwnerId, now);
                }

                if (imported.Tier is not null)
                {
                    created.SetTier(imported.Tier, now);
                }

                created.MarkImportedBy(importId);
                newCompanies.Add(created);
                foreach (var tag in imported.Tags)
                {
                    var companyTag = new CompanyTag(created.Id, tag);
                    companyTag.StampTenant(tenantId);
                    newTags.Add(companyTag);
                }

                counts.Created++;
                continue;
            }

            if (mode == ImportMode.CreateOnly)
            {
                errors.Write(counts, row, $"The account {match.Name} ({match.Domain}) already matches this row; create-only mode changes none.");
                continue;
            }

            if (domain is not null && domain != match.Domain && (byDomain.ContainsKey(domain) || !domainsTaken.Add(domain)))
            {
                errors.Write(counts, row, $"Cannot change {match.Name}'s domain to {domain}: another account has it.");
                continue;
            }

            var currentTags = tagsOf.TryGetValue(match.Id, out var have) ? have : [];
            var before = CompanySnapshot.Of(match, currentTags).ToJson();
            var addTags = ImportMerge.NewTags(imported, currentTags);
            if (!ImportMerge.Apply(match, imported, currentTags, now))
            {
                counts.Unchanged++;
                continue;
            }

            foreach (var tag in addTags)
            {
                db.CompanyTags.Add(new CompanyTag(match.Id, tag));
            }

            db.Add(new ImportChange(importId, match.Id, row.RowNumber, before));
            counts.Updated++;
        }

        if (newCompanies.Count > 0)
        {
            await CompanyBulkWriter.For(db).InsertAsync(db, newCompanies, newTags, cancellationToken);
        }
    }

    /// <summary>The batch's rows, counted once it committed (partnerforge.import.rows).</summary>
    private void RecordRows((long Created, long Updated, long Unchanged, long Errors) before, ImportCounts after)
    {
        metrics?.ImportRows("created", after.Created - before.Created);
        metrics?.ImportRows("updated", after.Updated - before.Updated);
        metrics?.ImportRows("unchanged", after.Unchanged - before.Unchanged);
        metrics?.ImportRows("error", after.Errors - before.Errors);
    }

    /// <summary>
    /// The accounts (tracked) that already have one of <paramref name="domains"/>. On SQLite, a prepared point
    /// lookup per domain on the (TenantId, Domain) index finds the few that exist faster than one query with
    /// thousands of values; only those are then loaded through EF. PostgreSQL takes the list as one array.
    /// </summary>
    private static async Task<Dictionary<string, Company>> ExistingByDomainAsync(PartnerForgeDbContext db, Guid tenantId, List<string> domains, CancellationToken cancellationToken)
    {
        if (domains.Count == 0)
        {
            return new Dictionary<string, Company>(StringComparer.Ordinal);
        }

        if (!db.Database.IsSqlite())
        {
            return await db.Companies.Where(c => domains.Contains(c.Domain)).ToDictionaryAsync(c => c.Domain, StringComparer.Ordinal, cancellationToken);
        }

        var ids = new List<Guid>();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using (var lookup = connection.CreateCommand())
        {
            lookup.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            lookup.CommandText = "SELECT \"Id\" FROM \"Companies\" WHERE \"TenantId\" = $tenant AND \"Domain\" = $domain";
            lookup.Parameters.AddWithValue("$tenant", SqliteCompanyBulkWriter.Text(tenantId));
            var domain = lookup.Parameters.Add("$domain", SqliteType.Text);
            lookup.Prepare();
            foreach (var value in domains)
            {
                domain.Value = value;
                if (lookup.ExecuteScalar() is string id)
                {
                    ids.Add(Guid.Parse(id));
                }
            }
        }

        return ids.Count == 0
            ? new Dictionary<string, Company>(StringComparer.Ordinal)
            : await db.Companies.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Domain, StringComparer.Ordinal, cancellationToken);
    }
}
