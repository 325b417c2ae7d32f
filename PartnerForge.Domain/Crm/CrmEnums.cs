namespace PartnerForge.Domain.Crm;

/// <summary>The CRMs PartnerForge syncs with.</summary>
public enum CrmProvider
{
    HubSpot = 1,
    Salesforce = 2,
}

/// <summary>What kind of CRM record (and of ours) a mapping, link or sync record is about.</summary>
public enum CrmObjectKind
{
    /// <summary>A CRM company or account; ours is an account (<c>Company</c>).</summary>
    Company = 1,

    Contact = 2,

    /// <summary>A CRM deal or opportunity; ours is a pipeline deal.</summary>
    Deal = 3,

    /// <summary>A CRM user who owns records; ours is a workspace user, matched by e-mail.</summary>
    Owner = 4,
}

/// <summary>Which way a field goes.</summary>
public enum SyncDirection
{
    /// <summary>CRM → PartnerForge.</summary>
    Pull = 1,

    /// <summary>PartnerForge → CRM.</summary>
    Push = 2,
}

/// <summary>What wins when a pulled field differs from ours.</summary>
public enum ConflictPolicy
{
    CrmWins = 1,
    PartnerForgeWins = 2,

    /// <summary>The side whose record changed last (the CRM's modification time against our record's).</summary>
    NewestWins = 3,
}

public enum CrmConnectionState
{
    Connected = 1,

    /// <summary>The CRM refused our refresh token (revoked on its side, or expired): an admin has to connect again.</summary>
    NeedsReconnect = 2,

    /// <summary>Disconnected by an admin; tokens are gone.</summary>
    Revoked = 3,
}

public enum SyncRunKind
{
    /// <summary>Everything in the CRM.</summary>
    Initial = 1,

    /// <summary>What changed since the last successful run.</summary>
    Incremental = 2,

    /// <summary>Only the records that failed in an earlier run.</summary>
    Retry = 3,
}

public enum SyncRunState
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,

    /// <summary>Finished, with some records failed (see the run's records).</summary>
    PartlyFailed = 3,

    /// <summary>Stopped: the connection needs reconnecting, or the CRM could not be reached.</summary>
    Failed = 4,
}

public enum SyncOutcome
{
    Created = 1,
    Updated = 2,
    Unchanged = 3,
    Deleted = 4,
    Merged = 5,
    Failed = 6,
    Skipped = 7,

    /// <summary>Our values written into the CRM record.</summary>
    Pushed = 8,
}
