namespace PartnerForge.Domain.Playbook;

/// <summary>The part a person plays in the account's buying decision (M10).</summary>
public enum CommitteeRole
{
    EconomicBuyer = 0,
    TechnicalBuyer = 1,
    Champion = 2,
    User = 3,
}

public static class CommitteeRoles
{
    public static IReadOnlyList<CommitteeRole> All { get; } = [CommitteeRole.EconomicBuyer, CommitteeRole.TechnicalBuyer, CommitteeRole.Champion, CommitteeRole.User];

    /// <summary>The code facts carry (<c>committee[Name].role</c>): economic_buyer, technical_buyer, champion, user.</summary>
    public static string Code(this CommitteeRole role) => role switch
    {
        CommitteeRole.EconomicBuyer => "economic_buyer",
        CommitteeRole.TechnicalBuyer => "technical_buyer",
        CommitteeRole.Champion => "champion",
        _ => "user",
    };

    public static string Label(this CommitteeRole role) => role switch
    {
        CommitteeRole.EconomicBuyer => "Economic buyer",
        CommitteeRole.TechnicalBuyer => "Technical buyer",
        CommitteeRole.Champion => "Champion",
        _ => "User",
    };

    public static CommitteeRole? FromCode(string? code) => All.Cast<CommitteeRole?>().FirstOrDefault(r => r!.Value.Code() == code);
}
