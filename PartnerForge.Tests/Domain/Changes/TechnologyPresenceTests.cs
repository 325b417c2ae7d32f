using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Enrichment;

namespace PartnerForge.Tests.Domain.Changes;

/// <summary>A technology counts as removed only after two runs in a row miss it.</summary>
public sealed class TechnologyPresenceTests
{
    private static readonly SourceRef Source = new("https://acme.test/", DateTime.UnixEpoch, "script-src", "<script src=algolia.js>");

    private static string Run(params string[] technologies) =>
        CanonicalJson.FromFacts(technologies.Select(t => new Fact($"tech[{t}]", "Search; confidence 90", Source)));

    /// <summary>Feeds runs through Carry as the recorder does and returns the changes each run detects.</summary>
    private static List<IReadOnlyList<DetectedChange>> Feed(params string[][] runs)
    {
        string? previous = null;
        var detected = new List<IReadOnlyList<DetectedChange>>();
        foreach (var run in runs)
        {
            var current = TechnologyPresence.Carry(previous, Run(run));
            detected.Add(previous is null ? [] : SignificanceRules.Detect("M02", previous, current, SignificanceContext.Empty));
            previous = current;
        }

        return detected;
    }

    [Fact]
    public void One_missed_run_is_no_change_the_second_in_a_row_is_a_removal()
    {
        var changes = Feed(["React", "Algolia"], ["React"], ["React"]);

        changes[1].Should().BeEmpty("one run missing Algolia is not yet a removal");
        changes[2].Should().ContainSingle().Which.Should().Match<DetectedChange>(c => c.Kind == ChangeKind.Removed && c.Path == "tech[Algolia]");
        ChangeDescriber.Describe(changes[2][0].Path, changes[2][0].Kind, changes[2][0].OldValue, null).Should().Be("Algolia removed");
    }

    [Fact]
    public void A_technology_found_again_after_one_miss_raises_nothing()
    {
        var changes = Feed(["React", "Algolia"], ["React"], ["React", "Algolia"], ["React", "Algolia"]);

        changes.Should().OnlyContain(c => c.Count == 0);
    }

    [Fact]
    public void A_new_technology_is_added_at_once_and_the_carried_snapshot_keeps_the_missed_one_marked()
    {
        var carried = TechnologyPresence.Carry(Run("React", "Algolia"), Run("React", "Shopify"));
        var facts = SnapshotDiff.Facts(carried).Select(f => f.Path).ToList();

        facts.Should().Contain(["tech[Algolia]", "tech[Algolia].missed", "tech[React]", "tech[Shopify]"]);
        SignificanceRules.Detect("M02", Run("React", "Algolia"), carried, SignificanceContext.Empty)
            .Should().ContainSingle().Which.Path.Should().Be("tech[Shopify]");
        TechnologyPresence.IsMarker("tech[Algolia].missed").Should().BeTrue();
        TechnologyPresence.IsMarker("executive[Ada].missed").Should().BeFalse();
    }
}
