namespace PartnerForge.Domain.Contacts;

/// <summary>Why we may hold and contact a person (GDPR article 6), as the rep records it.</summary>
public enum LawfulBasis
{
    /// <summary>Not recorded yet: the contact may be kept but not sent outreach.</summary>
    NotRecorded = 0,

    /// <summary>The person agreed (when: <see cref="Contact.ConsentAtUtc"/>).</summary>
    Consent = 1,

    /// <summary>A legitimate interest of the business, weighed against the person's.</summary>
    LegitimateInterest = 2,

    /// <summary>Needed for a contract with the person or their employer.</summary>
    Contract = 3,
}

public static class LawfulBases
{
    public static IReadOnlyList<LawfulBasis> All { get; } = [LawfulBasis.NotRecorded, LawfulBasis.Consent, LawfulBasis.LegitimateInterest, LawfulBasis.Contract];

    public static string Label(this LawfulBasis basis) => basis switch
    {
        LawfulBasis.Consent => "Consent",
        LawfulBasis.LegitimateInterest => "Legitimate interest",
        LawfulBasis.Contract => "Contract",
        _ => "Not recorded",
    };
}
