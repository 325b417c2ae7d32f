using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Enrichment;

/// <summary>A module's state for one account changed (running, then its outcome).</summary>
public sealed record ModuleStateChanged(Guid TenantId, Guid CompanyId, Guid RunId, Guid? BatchId, string Module, ModuleOutcome Outcome, string? Reason, DateTime AtUtc) : ITenantEvent;

/// <summary>A run started or finished.</summary>
public sealed record RunStateChanged(Guid TenantId, Guid CompanyId, Guid RunId, Guid? BatchId, RunState State, int ModulesOk, int ModulesFailed, DateTime AtUtc) : ITenantEvent;

/// <summary>A new snapshot was stored (its hash differs from the previous one); change detection builds on it.</summary>
public sealed record SnapshotStored(Guid TenantId, Guid CompanyId, string Module, Guid SnapshotId, Guid? PreviousSnapshotId, DateTime AtUtc) : ITenantEvent;
