using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Changes;

/// <summary>
/// The newest snapshot of one account × module and when its content was last confirmed by a run that found
/// the same hash (identical results are not stored again; only this time moves). One row per account × module.
/// </summary>
public sealed class SnapshotHead : TenantOwnedEntity
{
    private SnapshotHead()
    {
        Module = Hash = string.Empty;
    }

    public SnapshotHead(Guid companyId, string module, Guid snapshotId, string hash, DateTime capturedAtUtc)
    {
        CompanyId = companyId;
        Module = module;
        Hash = hash;
        Advance(snapshotId, hash, capturedAtUtc);
    }

    public Guid CompanyId { get; private set; }

    public string Module { get; private set; }

    public Guid SnapshotId { get; private set; }

    public string Hash { get; private set; }

    public DateTime LastConfirmedAtUtc { get; private set; }

    /// <summary>How many runs found exactly this content (1 = the run that stored it).</summary>
    public int Confirmations { get; private set; }

    public void Advance(Guid snapshotId, string hash, DateTime capturedAtUtc)
    {
        SnapshotId = snapshotId;
        Hash = hash;
        LastConfirmedAtUtc = capturedAtUtc;
        Confirmations = 1;
    }

    public void Confirm(DateTime nowUtc)
    {
        LastConfirmedAtUtc = nowUtc > LastConfirmedAtUtc ? nowUtc : LastConfirmedAtUtc;
        Confirmations++;
    }
}

/// <summary>One difference between consecutive snapshots of one module of one account (DESIGN.md §3).</summary>
public sealed class ChangeEvent : TenantOwnedEntity
{
    public const int ValueMaxLength = 1000;

    private ChangeEvent()
    {
        Module = Path = Rule = string.Empty;
    }

    public ChangeEvent(Guid companyId, Guid snapshotId, Guid? previousSnapshotId, DetectedChange change, DateTime detectedAtUtc)
    {
        CompanyId = companyId;
        SnapshotId = snapshotId;
        PreviousSnapshotId = previousSnapshotId;
        Module = change.Module;
        Path = Cut(change.Path, 300)!;
        Kind = change.Kind;
        OldValue = Cut(change.OldValue, ValueMaxLength);
        NewValue = Cut(change.NewValue, ValueMaxLength);
        Significance = change.Significance;
        Rule = change.Rule;
        Technology = Cut(change.Technology, 100);
        DetectedAtUtc = detectedAtUtc;
    }

    public Guid CompanyId { get; private set; }

    public Guid SnapshotId { get; private set; }

    public Guid? PreviousSnapshotId { get; private set; }

    public string Module { get; private set; }

    public string Path { get; private set; }

    public ChangeKind Kind { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public int Significance { get; private set; }

    /// <summary>The significance rule that scored it (explains the score).</summary>
    public string Rule { get; private set; }

    public string? Technology { get; private set; }

    public DateTime DetectedAtUtc { get; private set; }

    /// <summary>The change in plain words (<see cref="ChangeDescriber"/>).</summary>
    public string Describe() => ChangeDescriber.Describe(this);

    private static string? Cut(string? value, int max) => value is { Length: var n } && n > max ? value[..max] : value;
}

/// <summary>A match of an alert rule on a change event, for one user.</summary>
public sealed class Alert : TenantOwnedEntity
{
    private Alert()
    {
        Title = string.Empty;
    }

    public Alert(Guid userId, Guid ruleId, ChangeEvent change, string companyName, DateTime createdAtUtc)
    {
        UserId = userId;
        RuleId = ruleId;
        ChangeEventId = change.Id;
        CompanyId = change.CompanyId;
        Significance = change.Significance;
        Title = $"{companyName}: {change.Describe()}";
        if (Title.Length > 300)
        {
            Title = Title[..300];
        }

        CreatedAtUtc = createdAtUtc;
    }

    public Guid UserId { get; private set; }

    public Guid RuleId { get; private set; }

    public Guid ChangeEventId { get; private set; }

    public Guid CompanyId { get; private set; }

    public int Significance { get; private set; }

    public string Title { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? ReadAtUtc { get; private set; }

    /// <summary>Set when the immediate e-mail for this alert was accepted by the SMTP server.</summary>
    public DateTime? EmailedAtUtc { get; private set; }

    public bool IsRead => ReadAtUtc is not null;

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;

    public void MarkUnread() => ReadAtUtc = null;

    public void MarkEmailed(DateTime nowUtc) => EmailedAtUtc ??= nowUtc;
}

public enum DigestFrequency
{
    None = 0,
    Daily = 1,
    Weekly = 2,
}

/// <summary>How one user wants to hear about alerts.</summary>
public sealed class AlertPreference : TenantOwnedEntity, PartnerForge.Domain.Auditing.IAudited
{
    private AlertPreference()
    {
    }

    public AlertPreference(Guid userId)
    {
        UserId = userId;
        InApp = true;
        DigestHour = 8;
        DigestDay = DayOfWeek.Monday;
    }

    public Guid UserId { get; private set; }

    public bool InApp { get; set; }

    public bool EmailImmediately { get; set; }

    public DigestFrequency Digest { get; set; }

    /// <summary>Hour (0–23) in the user's time zone at which the digest goes out.</summary>
    public int DigestHour { get; set; }

    public DayOfWeek DigestDay { get; set; }

    /// <summary>Quiet hours in the user's time zone (start inclusive, end exclusive; may wrap midnight).</summary>
    public int? QuietFromHour { get; set; }

    public int? QuietToHour { get; set; }
}

/// <summary>
/// The outbox row of one digest: composed once per user and period (unique), marked sent only after the SMTP
/// server accepted it. A restart between compose and send finds the row unsent and sends that same message.
/// </summary>
public sealed class AlertDigest : TenantOwnedEntity
{
    private AlertDigest()
    {
        PeriodKey = ToEmail = Subject = Html = Text = string.Empty;
    }

    public AlertDigest(Guid userId, string periodKey, string toEmail, string subject, string html, string text, int alertCount, DateTime composedAtUtc)
    {
        UserId = userId;
        PeriodKey = periodKey;
        ToEmail = toEmail;
        Subject = subject;
        Html = html;
        Text = text;
        AlertCount = alertCount;
        ComposedAtUtc = composedAtUtc;
    }

    public Guid UserId { get; private set; }

    /// <summary>e.g. <c>daily:2026-11-22</c> or <c>weekly:2026-W47</c>, in the user's time zone.</summary>
    public string PeriodKey { get; private set; }

    public string ToEmail { get; private set; }

    public string Subject { get; private set; }

    public string Html { get; private set; }

    public string Text { get; private set; }

    public int AlertCount { get; private set; }

    public DateTime ComposedAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The Message-ID every send of this digest carries (recorded before the first send).</summary>
    public string? MessageId { get; private set; }

    /// <summary>When a send began; set and committed before the SMTP conversation, cleared by success or failure.</summary>
    public DateTime? SendStartedAtUtc { get; private set; }

    /// <summary>How many times a send was found interrupted (begun, never finished) and was sent again.</summary>
    public int InDoubtResends { get; private set; }

    /// <summary>A send began and neither succeeded nor failed: the process stopped mid-send. The server may have the message.</summary>
    public bool InDoubt => SentAtUtc is null && SendStartedAtUtc is not null;

    /// <summary>Records the Message-ID and the start of a send (commit this before talking to the server).</summary>
    public void BeginSend(string messageId, DateTime nowUtc)
    {
        if (InDoubt)
        {
            InDoubtResends++;
        }

        MessageId ??= messageId;
        SendStartedAtUtc = nowUtc;
    }

    public void MarkSent(DateTime nowUtc)
    {
        SentAtUtc ??= nowUtc;
        LastError = null;
    }

    public void MarkFailed(string error)
    {
        SendStartedAtUtc = null;
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
    }
}
