using PartnerForge.Domain.Common;

namespace PartnerForge.Infrastructure.Administration;

/// <summary>A user's sessions must end now (deactivated, password reset, roles changed): open circuits sign out.</summary>
public sealed record UserSessionsEnded(Guid TenantId, Guid UserId, string Reason) : ITenantEvent;
