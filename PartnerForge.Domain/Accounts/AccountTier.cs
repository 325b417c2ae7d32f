namespace PartnerForge.Domain.Accounts;

/// <summary>Priority tier, set by scoring (A is best). Null until an account is scored.</summary>
public enum AccountTier
{
    A = 1,
    B = 2,
    C = 3,
    D = 4,
}
