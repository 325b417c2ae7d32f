using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;

namespace PartnerForge.Domain.Playbook;

public enum EvidenceKind
{
    CaseStudy = 0,
    Quote = 1,
    ProofPoint = 2,
}

public static class EvidenceKinds
{
    public static IReadOnlyList<EvidenceKind> All { get; } = [EvidenceKind.CaseStudy, EvidenceKind.Quote, EvidenceKind.ProofPoint];

    /// <summary>The code facts carry (<c>evidence[Title].kind</c>).</summary>
    public static string Code(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.CaseStudy => "case_study",
        EvidenceKind.Quote => "quote",
        _ => "proof_point",
    };

    public static string Label(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.CaseStudy => "Case study",
        EvidenceKind.Quote => "Customer quote",
        _ => "Proof point",
    };
}

/// <summary>What an admin typed for one evidence item (validated by <see cref="Validate"/> before it is saved).</summary>
public sealed class EvidenceInput
{
    public EvidenceKind Kind { get; set; } = EvidenceKind.CaseStudy;

    public string? Title { get; set; }

    public string? Body { get; set; }

    public string? Customer { get; set; }

    public string? Industry { get; set; }

    public string? SizeBand { get; set; }

    /// <summary>Comma-separated technology names.</summary>
    public string? Technologies { get; set; }

    public string? UseCase { get; set; }

    public string? Url { get; set; }

    public const int MaxTitle = 200;
    public const int MaxBody = 4000;
    public const int MaxShort = 100;
    public const int MaxTechnologies = 500;
    public const int MaxUrl = 500;

    /// <summary>Errors by field name; empty when the input can be saved.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Title))
        {
            errors[nameof(Title)] = "Give the item a title.";
        }
        else if (Title.Trim().Length > MaxTitle)
        {
            errors[nameof(Title)] = $"The title is limited to {MaxTitle} characters.";
        }

        if (string.IsNullOrWhiteSpace(Body))
        {
            errors[nameof(Body)] = Kind == EvidenceKind.Quote ? "Enter the quote." : "Describe the result (a sentence or two).";
        }
        else if (Body.Trim().Length > MaxBody)
        {
            errors[nameof(Body)] = $"The text is limited to {MaxBody} characters.";
        }

        Check(nameof(Customer), Customer, MaxShort);
        Check(nameof(Industry), Industry, MaxShort);
        Check(nameof(UseCase), UseCase, MaxShort);
        Check(nameof(Technologies), Technologies, MaxTechnologies);
        if (!string.IsNullOrWhiteSpace(SizeBand) && !Firmographics.EmployeeBands.Contains(SizeBand.Trim()))
        {
            errors[nameof(SizeBand)] = $"Pick a size band ({string.Join(", ", Firmographics.EmployeeBands)}).";
        }

        if (!string.IsNullOrWhiteSpace(Url))
        {
            if (Url.Trim().Length > MaxUrl)
            {
                errors[nameof(Url)] = $"The link is limited to {MaxUrl} characters.";
            }
            else if (!Uri.TryCreate(Url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors[nameof(Url)] = "Enter a full web address starting with https://.";
            }
        }

        if (Kind == EvidenceKind.Quote && string.IsNullOrWhiteSpace(Customer))
        {
            errors[nameof(Customer)] = "A quote needs the customer (and ideally the person) it is from.";
        }

        return errors;

        void Check(string field, string? value, int max)
        {
            if (value is not null && value.Trim().Length > max)
            {
                errors[field] = $"Limited to {max} characters.";
            }
        }
    }

    public static EvidenceInput From(EvidenceItem item) => new()
    {
        Kind = item.Kind,
        Title = item.Title,
        Body = item.Body,
        Customer = item.Customer,
        Industry = item.Industry,
        SizeBand = item.SizeBand,
        Technologies = string.Join(", ", item.Technologies),
        UseCase = item.UseCase,
        Url = item.Url,
    };
}

/// <summary>A case study, customer quote or proof point of the tenant's evidence library.</summary>
public sealed class EvidenceItem : TenantOwnedEntity, IAudited
{
    private EvidenceItem()
    {
        Title = string.Empty;
        Body = string.Empty;
        Technologies = [];
    }

    public EvidenceItem(EvidenceInput input, DateTime nowUtc)
        : this()
    {
        CreatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        Apply(input, nowUtc);
    }

    public EvidenceKind Kind { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public string? Customer { get; private set; }

    public string? Industry { get; private set; }

    public string? SizeBand { get; private set; }

    public List<string> Technologies { get; private set; }

    public string? UseCase { get; private set; }

    public string? Url { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    [AuditIgnore]
    public DateTime UpdatedAtUtc { get; private set; }

    public void Apply(EvidenceInput input, DateTime nowUtc)
    {
        var errors = input.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.Values));
        }

        Kind = input.Kind;
        Title = input.Title!.Trim();
        Body = input.Body!.Trim();
        Customer = Clean(input.Customer);
        Industry = Clean(input.Industry);
        SizeBand = Clean(input.SizeBand);
        Technologies = (input.Technologies ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        UseCase = Clean(input.UseCase);
        Url = Clean(input.Url);
        UpdatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
