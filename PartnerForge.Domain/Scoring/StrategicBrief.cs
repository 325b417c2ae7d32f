namespace PartnerForge.Domain.Scoring;

/// <summary>A fact a brief sentence rests on: the module and path it came from, its value and its source.</summary>
public sealed record BriefCitation(string Module, string Path, string Value, string SourceUrl, string Method, DateTime FetchedAtUtc);

/// <summary>One sentence of a brief. A sentence without at least one citation cannot be built.</summary>
public sealed record BriefSentence
{
    public BriefSentence(string text, IReadOnlyList<BriefCitation> citations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (citations is null || citations.Count == 0)
        {
            throw new ArgumentException($"The sentence '{text}' cites no fact; a brief never says what it cannot cite.", nameof(citations));
        }

        Text = text;
        Citations = citations;
    }

    public string Text { get; }

    public IReadOnlyList<BriefCitation> Citations { get; }
}

public sealed record BriefSection(string Key, string Title, IReadOnlyList<BriefSentence> Sentences);

/// <summary>A person the team already works at the account (our own records, so no citation): who, and where outreach stands.</summary>
public sealed record BriefContact(string Name, string? Title, string? Role, string? Outreach);

public sealed record StrategicBrief(string CompanyName, IReadOnlyList<BriefSection> Sections, DateTime BuiltAtUtc)
{
    public static IReadOnlyList<(string Key, string Title)> SectionTitles { get; } =
    [
        ("why_account", "Why this account"),
        ("why_now", "Why now"),
        ("whom", "Whom to contact"),
        ("what_to_say", "What to say"),
        ("proof", "Which proof to use"),
    ];

    /// <summary>The account's contacts on record, shown after the cited sections.</summary>
    public IReadOnlyList<BriefContact> Contacts { get; init; } = [];

    public bool IsEmpty => Sections.All(s => s.Sentences.Count == 0);

    /// <summary>Every citation of the brief, numbered in order of first use (the footnotes).</summary>
    public IReadOnlyList<BriefCitation> Sources() =>
        Sections.SelectMany(s => s.Sentences).SelectMany(s => s.Citations).Distinct().ToList();
}
