namespace PartnerForge.Domain.Enrichment;

/// <summary>How one module's run for one account ended.</summary>
public enum ModuleOutcome
{
    Pending = 0,
    Running = 1,
    Ok = 2,
    NoData = 3,
    Failed = 4,
    Blocked = 5,
    BudgetExceeded = 6,
    SkippedDependency = 7,
}

public static class ModuleOutcomes
{
    /// <summary>Outcomes that end a module's run.</summary>
    public static bool IsFinal(this ModuleOutcome outcome) => outcome >= ModuleOutcome.Ok;

    /// <summary>Whether modules depending on this one may run (their inputs exist).</summary>
    public static bool SatisfiesDependents(this ModuleOutcome outcome) => outcome is ModuleOutcome.Ok or ModuleOutcome.NoData;

    public static string Label(this ModuleOutcome outcome) => outcome switch
    {
        ModuleOutcome.Ok => "ok",
        ModuleOutcome.NoData => "no data",
        ModuleOutcome.Failed => "failed",
        ModuleOutcome.Blocked => "blocked",
        ModuleOutcome.BudgetExceeded => "budget exceeded",
        ModuleOutcome.SkippedDependency => "skipped (dependency)",
        ModuleOutcome.Running => "running",
        _ => "pending",
    };
}
