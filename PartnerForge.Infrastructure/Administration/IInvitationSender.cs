using Microsoft.Extensions.Logging;

namespace PartnerForge.Infrastructure.Administration;

/// <summary>
/// Seam for delivering an invitation link (e-mail arrives with the SMTP work). Until then the admin copies the
/// link shown on the users page; this default only logs that an invitation was created (never the link).
/// </summary>
public interface IInvitationSender
{
    /// <summary>True when the link was delivered; false when the admin must pass it on.</summary>
    Task<bool> SendAsync(string email, string displayName, string tenantName, Uri link, CancellationToken cancellationToken);
}

internal sealed partial class CopyLinkInvitationSender(ILogger<CopyLinkInvitationSender> logger) : IInvitationSender
{
    public Task<bool> SendAsync(string email, string displayName, string tenantName, Uri link, CancellationToken cancellationToken)
    {
        LogCreated(logger, email, tenantName);
        return Task.FromResult(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invitation for {Email} to {Tenant} created; the admin passes the link on")]
    private static partial void LogCreated(ILogger logger, string email, string tenant);
}
