namespace PartnerForge.Domain.Auditing;

/// <summary>
/// Marks an entity whose creation, changes and deletion are written to the audit log (who, when, from where,
/// before and after). The persistence layer does the writing; entities only opt in.
/// </summary>
public interface IAudited
{
    Guid Id { get; }
}

/// <summary>A property the audit log leaves out: derived or housekeeping values (a search key, an updated-at stamp).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditIgnoreAttribute : Attribute;
