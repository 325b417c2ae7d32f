namespace PartnerForge.Domain.Accounts.Import;

/// <summary>A company field a CSV column can be mapped to.</summary>
public enum ImportField
{
    Name = 1,
    Domain = 2,
    Industry = 3,
    Country = 4,
    Employees = 5,
    Revenue = 6,
    Tags = 7,
    Owner = 8,
    Tier = 9,
}

/// <summary>What an import does with a row that matches an existing account, and with one that does not.</summary>
public enum ImportMode
{
    /// <summary>New accounts only; a row matching an existing account is skipped and reported.</summary>
    CreateOnly = 0,

    /// <summary>Existing accounts only; a row matching none is skipped and reported.</summary>
    UpdateOnly = 1,

    CreateAndUpdate = 2,
}

/// <summary>Fields a row is matched on to find the existing account (all of them must be equal).</summary>
public enum MatchField
{
    Domain = 1,
    Name = 2,
    Country = 3,
}

public enum ImportJobState
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Reverted = 4,
}
