namespace PartnerForge.Domain.Enrichment;

public sealed record ModuleInfo(string Code, string Name, int Wave, IReadOnlyList<string> Needs);

/// <summary>The enrichment modules this build runs, their waves and dependencies (DESIGN.md §4).</summary>
public static class ModuleCatalog
{
    public const string CompanyContext = "M01";
    public const string TechStack = "M02";
    public const string Traffic = "M03";
    public const string Financials = "M04";
    public const string Competitors = "M05";
    public const string Hiring = "M06";
    public const string Triggers = "M07";
    public const string Investors = "M08";
    public const string Executives = "M09";
    public const string BuyingCommittee = "M10";
    public const string Displacement = "M11";
    public const string EvidenceMatch = "M12";
    public const string IcpFit = "M13";
    public const string SignalScore = "M14";
    public const string StrategicBrief = "M15";

    public static IReadOnlyList<ModuleInfo> All { get; } =
    [
        new(CompanyContext, "Company context", 1, []),
        new(TechStack, "Tech stack", 1, []),
        new(Traffic, "Traffic", 1, []),
        new(Financials, "Financials", 1, []),
        new(Competitors, "Competitors", 2, [CompanyContext, TechStack]),
        new(Hiring, "Hiring", 2, [CompanyContext]),
        new(Triggers, "Strategic triggers", 2, [CompanyContext]),
        new(Investors, "Investors", 3, [Triggers]),
        new(Executives, "Executives", 3, [CompanyContext]),
        new(BuyingCommittee, "Buying committee", 3, [Executives]),
        new(Displacement, "Displacement", 3, [TechStack]),
        new(EvidenceMatch, "Evidence match", 4, [CompanyContext, TechStack, Displacement]),
        new(IcpFit, "ICP fit", 4, []),
        new(SignalScore, "Signal score", 4, []),
        new(StrategicBrief, "Strategic brief", 4, [IcpFit, SignalScore]),
    ];

    public static ModuleInfo Get(string code) =>
        All.FirstOrDefault(m => m.Code == code) ?? throw new ArgumentException($"Unknown module {code}.", nameof(code));

    public static IEnumerable<IGrouping<int, ModuleInfo>> Waves() => All.GroupBy(m => m.Wave).OrderBy(g => g.Key);

    /// <summary>The first dependency whose outcome does not let <paramref name="module"/> run, or null.</summary>
    public static string? BlockingDependency(ModuleInfo module, IReadOnlyDictionary<string, ModuleOutcome> outcomes) =>
        module.Needs.FirstOrDefault(n => !outcomes.TryGetValue(n, out var o) || !o.SatisfiesDependents());
}
