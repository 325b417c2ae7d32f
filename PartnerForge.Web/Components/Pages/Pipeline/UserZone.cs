using System.Security.Claims;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Web.Components.Pages.Pipeline;

/// <summary>The signed-in user's time zone (profile claim, as LocalTime reads it); UTC when unknown.</summary>
public static class UserZone
{
    public static TimeZoneInfo Of(ClaimsPrincipal user)
    {
        var id = user.FindFirst(PartnerForgeClaims.TimeZone)?.Value;
        return !string.IsNullOrEmpty(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public static string Name(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;
}
