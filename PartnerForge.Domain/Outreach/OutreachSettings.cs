using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Outreach;

/// <summary>A workspace's sending rules: the days nobody is written to, and how many e-mails one mailbox sends a day.</summary>
public sealed class OutreachSettings : TenantOwnedEntity
{
    public const int DefaultDailyCap = 200;
    public const int MaxDailyCap = 2000;

    private OutreachSettings()
    {
    }

    public OutreachSettings(int dailyCapPerMailbox, IEnumerable<DateOnly> holidays, DateTime nowUtc)
    {
        Update(dailyCapPerMailbox, holidays, nowUtc);
    }

    /// <summary>E-mails one sending mailbox sends at most per UTC day, over all its sequences.</summary>
    public int DailyCapPerMailbox { get; private set; } = DefaultDailyCap;

    /// <summary>Dates (in each recipient's own calendar) on which nothing is sent.</summary>
    public List<DateOnly> Holidays { get; private set; } = [];

    public DateTime UpdatedAtUtc { get; private set; }

    public void Update(int dailyCapPerMailbox, IEnumerable<DateOnly> holidays, DateTime nowUtc)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dailyCapPerMailbox, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dailyCapPerMailbox, MaxDailyCap);
        DailyCapPerMailbox = dailyCapPerMailbox;
        Holidays = holidays.Distinct().Order().ToList();
        UpdatedAtUtc = nowUtc;
    }
}
