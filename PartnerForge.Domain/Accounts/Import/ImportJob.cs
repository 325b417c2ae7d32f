using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Accounts.Import;

/// <summary>
/// One CSV import of accounts or of contacts (<see cref="Kind"/>): the uploaded file, how its columns map, how rows
/// match existing records, and what happened (counts, speed, state). Progress is saved every batch, so it survives
/// leaving the page.
/// </summary>
public sealed class ImportJob : TenantOwnedEntity
{
    public const int MaxFileNameLength = 255;

    private ImportJob()
    {
        FileName = string.Empty;
        Mapping = "[]";
        MatchFields = string.Empty;
        Encoding = string.Empty;
    }

    public ImportJob(Guid? userId, string fileName, long fileBytes, string encoding, char delimiter, string mapping, ImportMode mode, IReadOnlyList<MatchField> matchFields, DateTime nowUtc,
        ImportKind kind = ImportKind.Accounts)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(matchFields);
        UserId = userId;
        Kind = kind;
        FileName = fileName.Length > MaxFileNameLength ? fileName[..MaxFileNameLength] : fileName;
        FileBytes = fileBytes;
        Encoding = encoding;
        Delimiter = delimiter;
        Mapping = mapping;
        Mode = mode;
        MatchFields = string.Join(',', matchFields);
        State = ImportJobState.Queued;
        CreatedAtUtc = nowUtc;
    }

    /// <summary>The user who started the import (the owner of the contacts it creates).</summary>
    public Guid? UserId { get; private set; }

    public ImportKind Kind { get; private set; }

    /// <summary>The name the user's file had (display only; the stored file is named by <see cref="TenantOwnedEntity.Id"/>).</summary>
    public string FileName { get; private set; }

    public long FileBytes { get; private set; }

    /// <summary>The detected encoding's web name (utf-8, utf-16, windows-1252).</summary>
    public string Encoding { get; private set; }

    public char Delimiter { get; private set; }

    /// <summary>JSON array, one entry per column: the <see cref="ImportField"/> name or null.</summary>
    public string Mapping { get; private set; }

    public ImportMode Mode { get; private set; }

    /// <summary>Comma-separated <see cref="MatchField"/> names.</summary>
    public string MatchFields { get; private set; }

    public ImportJobState State { get; private set; }

    public long RowsRead { get; private set; }

    public long Created { get; private set; }

    public long Updated { get; private set; }

    public long Unchanged { get; private set; }

    public long Errors { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>Bytes of the file read so far (the progress bar: <see cref="BytesRead"/> / <see cref="FileBytes"/>).</summary>
    public long BytesRead { get; private set; }

    public double RowsPerSecond { get; private set; }

    /// <summary>Why the import failed, when it did.</summary>
    public string? Failure { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? StartedAtUtc { get; private set; }

    public DateTime? FinishedAtUtc { get; private set; }

    public DateTime? RevertedAtUtc { get; private set; }

    public IReadOnlyList<MatchField> MatchFieldList =>
        MatchFields.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<MatchField>).ToList();

    public double Percent => State is ImportJobState.Completed or ImportJobState.Reverted
        ? 100
        : FileBytes <= 0 ? 0 : Math.Min(99.9, 100.0 * BytesRead / FileBytes);

    public bool CanRevert => State is ImportJobState.Completed or ImportJobState.Failed;

    public void Start(DateTime nowUtc)
    {
        if (State != ImportJobState.Queued)
        {
            throw new InvalidOperationException($"An import in state {State} cannot start.");
        }

        State = ImportJobState.Running;
        StartedAtUtc = nowUtc;
    }

    public void Progress(ImportCounts counts, long bytesRead, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(counts);
        RowsRead = counts.RowsRead;
        Created = counts.Created;
        Updated = counts.Updated;
        Unchanged = counts.Unchanged;
        Errors = counts.Errors;
        Duplicates = counts.Duplicates;
        BytesRead = Math.Min(bytesRead, FileBytes);
        var seconds = StartedAtUtc is { } started ? (nowUtc - started).TotalSeconds : 0;
        RowsPerSecond = seconds > 0 ? Math.Round(RowsRead / seconds, 1) : 0;
    }

    public void Complete(DateTime nowUtc)
    {
        State = ImportJobState.Completed;
        BytesRead = FileBytes;
        FinishedAtUtc = nowUtc;
    }

    public void Fail(string reason, DateTime nowUtc)
    {
        State = ImportJobState.Failed;
        Failure = reason.Length > 1000 ? reason[..1000] : reason;
        FinishedAtUtc = nowUtc;
    }

    public void MarkReverted(DateTime nowUtc)
    {
        if (!CanRevert)
        {
            throw new InvalidOperationException($"An import in state {State} cannot be reverted.");
        }

        State = ImportJobState.Reverted;
        RevertedAtUtc = nowUtc;
    }
}

/// <summary>Running totals of one import.</summary>
public sealed class ImportCounts
{
    public long RowsRead { get; set; }

    public long Created { get; set; }

    public long Updated { get; set; }

    public long Unchanged { get; set; }

    /// <summary>Rows not imported (invalid, duplicates, skipped by the mode); each has a line in the error file.</summary>
    public long Errors { get; set; }

    /// <summary>Rows that repeat an earlier row of the same file (counted in <see cref="Errors"/> too).</summary>
    public long Duplicates { get; set; }
}

/// <summary>
/// An account, or a contact (<see cref="ContactId"/>), an import UPDATED, with its values before (so reverting
/// restores exactly them).
/// </summary>
public sealed class ImportChange : TenantOwnedEntity
{
    private ImportChange() => Before = "{}";

    /// <summary>A contact the import updated; <paramref name="companyId"/> is the contact's account before the change.</summary>
    public static ImportChange ForContact(Guid importId, Guid contactId, Guid companyId, long rowNumber, string before) =>
        new(importId, companyId, rowNumber, before) { ContactId = contactId };

    public ImportChange(Guid importId, Guid companyId, long rowNumber, string before)
    {
        ImportId = importId;
        CompanyId = companyId;
        RowNumber = rowNumber;
        Before = before;
    }

    public Guid ImportId { get; private set; }

    /// <summary>The account changed, or for a contact change the contact's account before the change.</summary>
    public Guid CompanyId { get; private set; }

    /// <summary>The contact changed, when the import was of contacts; null for an account change.</summary>
    public Guid? ContactId { get; private set; }

    public long RowNumber { get; private set; }

    /// <summary>JSON of the account's imported fields and tags (or the contact's fields) before the import changed them.</summary>
    public string Before { get; private set; }
}
