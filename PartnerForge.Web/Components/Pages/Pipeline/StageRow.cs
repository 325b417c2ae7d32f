using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Pipeline;

namespace PartnerForge.Web.Components.Pages.Pipeline;

/// <summary>One stage as the admin edits it: what was loaded and what is typed now.</summary>
public sealed class StageRow(StageAdminRow original)
{
    public StageAdminRow Original { get; } = original;

    public string Name { get; set; } = original.Name;

    public int Probability { get; set; } = original.DefaultProbability;

    public StageKind Kind { get; set; } = original.Kind;

    public bool Changed => Name != Original.Name || Probability != Original.DefaultProbability || Kind != Original.Kind;
}
