using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Changes.Email;

namespace PartnerForge.Infrastructure.Outreach;

public enum LinkKind
{
    Open,
    Click,
    Unsubscribe,
}

/// <summary>What a signed outreach link carries: the workspace, the touch (one e-mail sent), and for a click the target.</summary>
public sealed record LinkTarget(LinkKind Kind, Guid TenantId, Guid TouchId, string? Url);

/// <summary>
/// Signed links in outreach e-mails: the open pixel, click redirects and one-click unsubscribe. Each carries its workspace
/// and touch under ASP.NET Core Data Protection (the key ring every node shares), so a link cannot be forged or pointed
/// elsewhere: a click redirects only to the address that was signed into it (no open redirect).
/// </summary>
public sealed class OutreachLinks(IDataProtectionProvider protection, IOptions<SmtpOptions> smtp)
{
    public const string OpenPath = "/t/o/";
    public const string ClickPath = "/t/c/";
    public const string UnsubscribePath = "/t/u/";

    private readonly IDataProtector protector = protection.CreateProtector("PartnerForge.Outreach.Links.v1");

    /// <summary>Whether links can be made: they need <c>Smtp:PublicBaseUrl</c>, the address people reach PartnerForge at.</summary>
    public bool CanLink => smtp.Value.PublicBaseUrl is not null;

    public string Open(Guid tenantId, Guid touchId) => Url(OpenPath, new LinkTarget(LinkKind.Open, tenantId, touchId, null)) + ".gif";

    public string Click(Guid tenantId, Guid touchId, string url) => Url(ClickPath, new LinkTarget(LinkKind.Click, tenantId, touchId, url));

    public string Unsubscribe(Guid tenantId, Guid touchId) => Url(UnsubscribePath, new LinkTarget(LinkKind.Unsubscribe, tenantId, touchId, null));

    /// <summary>The target of a token from a link of the given kind; null when it was altered, made for another kind, or is not ours.</summary>
    public LinkTarget? Read(string? token, LinkKind kind)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return null;
        }

        try
        {
            var json = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            var target = JsonSerializer.Deserialize<LinkTarget>(json);
            if (target is null || target.Kind != kind)
            {
                return null;
            }

            return kind != LinkKind.Click || IsWebAddress(target.Url) ? target : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    private static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private string Url(string path, LinkTarget target)
    {
        var baseUrl = smtp.Value.PublicBaseUrl ?? throw new InvalidOperationException("Outreach links need Smtp:PublicBaseUrl.");
        var token = WebEncoders.Base64UrlEncode(protector.Protect(JsonSerializer.SerializeToUtf8Bytes(target)));
        return new Uri(baseUrl, path + token).ToString();
    }
}
