using System.Security.Claims;
using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Infrastructure.Tenancy;

/// <summary>
/// The scoped "who is acting" for one request, one Blazor circuit or one background job. The web layer
/// fills it from the signed-in principal; jobs and seeding set a tenant explicitly.
/// </summary>
public sealed class TenantContext : ICurrentTenant
{
    public Guid? TenantId { get; private set; }

    public Guid? UserId { get; private set; }

    public string Origin { get; private set; } = "system";

    public void SetFromPrincipal(ClaimsPrincipal? principal, string? origin = null)
    {
        Origin = string.IsNullOrEmpty(origin) ? Origin : origin;
        TenantId = ParseGuid(principal?.FindFirst(PartnerForgeClaims.TenantId)?.Value);
        UserId = TenantId is null ? null : ParseGuid(principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value);
    }

    /// <summary>Acts as <paramref name="tenantId"/> (background jobs, seeding).</summary>
    public void Set(Guid tenantId, Guid? userId = null, string origin = "system")
    {
        TenantId = tenantId;
        UserId = userId;
        Origin = origin;
    }

    public void Clear()
    {
        TenantId = null;
        UserId = null;
    }

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;
}

/// <summary>Claim types PartnerForge adds to the signed-in principal.</summary>
public static class PartnerForgeClaims
{
    public const string TenantId = "pf:tenant";
    public const string TenantName = "pf:tenant_name";
    public const string DisplayName = "pf:display_name";
    public const string TimeZone = "pf:tz";

    /// <summary>The theme the user chose ("light" or "dark"), when they chose one.</summary>
    public const string Theme = "pf:theme";
}
