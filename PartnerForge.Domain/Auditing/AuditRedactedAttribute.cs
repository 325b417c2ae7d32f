namespace PartnerForge.Domain.Auditing;

/// <summary>
/// On a property of an <see cref="IAudited"/> entity: the audit log records that it changed, never its value
/// (password hashes, security stamps, secret hashes).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditRedactedAttribute : Attribute
{
    public const string Placeholder = "(redacted)";
}
