using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Changes;

/// <summary>What alert rules may ask about the account a change is on (owner, tier, territory).</summary>
public sealed record AccountProfile(Guid CompanyId, string CompanyName, Guid? OwnerId, string? Tier, Guid? TerritoryId);

/// <summary>
/// An alert rule: a user's (or, made by a manager, a team's) interest in change events. Every criterion that
/// is set must hold (AND); an empty criterion matches anything.
/// </summary>
public sealed class AlertRule : TenantOwnedEntity, PartnerForge.Domain.Auditing.IAudited
{
    private AlertRule()
    {
        Name = string.Empty;
    }

    public AlertRule(string name, Guid createdBy, Guid? userId, Guid? teamId)
    {
        if ((userId is null) == (teamId is null))
        {
            throw new ArgumentException("An alert rule is for exactly one user or one team.");
        }

        Name = string.Empty;
        Rename(name);
        CreatedBy = createdBy;
        UserId = userId;
        TeamId = teamId;
        IsActive = true;
    }

    public string Name { get; private set; }

    public Guid CreatedBy { get; private set; }

    /// <summary>The user the rule alerts (personal rule).</summary>
    public Guid? UserId { get; private set; }

    /// <summary>The team whose members the rule alerts (made by a manager).</summary>
    public Guid? TeamId { get; private set; }

    public bool IsActive { get; set; }

    /// <summary>Module code (M02), or null for any.</summary>
    public string? Module { get; set; }

    /// <summary>A path prefix (e.g. <c>tech[</c> or <c>executive</c>), or null for any.</summary>
    public string? PathPrefix { get; set; }

    public ChangeKind? Kind { get; set; }

    public int MinSignificance { get; set; }

    /// <summary>Comma-separated technology names; the change must be about one of them.</summary>
    public string? Technologies { get; set; }

    /// <summary>Comma-separated tiers (A,B); the account must be in one of them.</summary>
    public string? Tiers { get; set; }

    /// <summary>Only accounts the alerted user owns.</summary>
    public bool OnlyMyAccounts { get; set; }

    public Guid? TerritoryId { get; set; }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim().Length > 100 ? name.Trim()[..100] : name.Trim();
    }

    /// <summary>Does this rule fire for <paramref name="recipient"/> on <paramref name="change"/>?</summary>
    public bool Matches(ChangeEvent change, AccountProfile account, Guid recipient)
    {
        if (!IsActive || change.Significance < MinSignificance)
        {
            return false;
        }

        if (Module is { Length: > 0 } && !string.Equals(Module, change.Module, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (PathPrefix is { Length: > 0 } && !change.Path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Kind is { } kind && kind != change.Kind)
        {
            return false;
        }

        if (List(Technologies) is { Count: > 0 } technologies
            && (change.Technology is null || !technologies.Contains(change.Technology, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (List(Tiers) is { Count: > 0 } tiers && (account.Tier is null || !tiers.Contains(account.Tier, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (OnlyMyAccounts && account.OwnerId != recipient)
        {
            return false;
        }

        return TerritoryId is not { } territory || account.TerritoryId == territory;
    }

    public static IReadOnlyList<string> List(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Alert timing rules in the user's time zone: quiet hours and digest periods.</summary>
public static class AlertSchedule
{
    public static bool InQuietHours(AlertPreference preference, DateTime localTime)
    {
        if (preference.QuietFromHour is not { } from || preference.QuietToHour is not { } to || from == to)
        {
            return false;
        }

        var hour = localTime.Hour;
        return from < to ? hour >= from && hour < to : hour >= from || hour < to;
    }

    /// <summary>
    /// The digest period that is due at <paramref name="localNow"/> (the user's local time), or null when it is
    /// not yet the user's hour (and day, for weekly). Daily covers the 24 h before the local hour; weekly the 7 days.
    /// </summary>
    public static DigestPeriod? DuePeriod(AlertPreference preference, DateTime localNow, TimeZoneInfo zone)
    {
        if (preference.Digest == DigestFrequency.None || localNow.Hour < preference.DigestHour)
        {
            return null;
        }

        if (preference.Digest == DigestFrequency.Weekly && localNow.DayOfWeek != preference.DigestDay)
        {
            return null;
        }

        var localEnd = localNow.Date.AddHours(preference.DigestHour);
        var localStart = preference.Digest == DigestFrequency.Daily ? localEnd.AddDays(-1) : localEnd.AddDays(-7);
        var key = preference.Digest == DigestFrequency.Daily
            ? $"daily:{localNow:yyyy-MM-dd}"
            : $"weekly:{System.Globalization.ISOWeek.GetYear(localNow)}-W{System.Globalization.ISOWeek.GetWeekOfYear(localNow):00}";
        return new DigestPeriod(key, ToUtc(localStart, zone), ToUtc(localEnd, zone), localStart, localEnd);
    }

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }
}

public sealed record DigestPeriod(string Key, DateTime FromUtc, DateTime ToUtc, DateTime LocalFrom, DateTime LocalTo);
