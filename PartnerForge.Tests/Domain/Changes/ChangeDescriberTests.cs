using PartnerForge.Domain.Changes;

namespace PartnerForge.Tests.Domain.Changes;

public sealed class ChangeDescriberTests
{
    [Theory]
    [InlineData("tech[Algolia]", ChangeKind.Added, null, "Search; confidence 90", "Algolia added")]
    [InlineData("tech[Algolia]", ChangeKind.Removed, "Search; confidence 90", null, "Algolia removed")]
    [InlineData("tech[React].version", ChangeKind.Changed, "17", "18", "React version 17 → 18")]
    [InlineData("competitor_product[Shopify Plus]", ChangeKind.Added, null, "in use", "Competitor product Shopify Plus now in use")]
    [InlineData("executive[Ada Lovelace]", ChangeKind.Added, null, "CTO", "Ada Lovelace joined the leadership team as CTO")]
    [InlineData("executive[Ada Lovelace]", ChangeKind.Removed, "CTO", null, "Ada Lovelace left the leadership team")]
    [InlineData("executive[Ada Lovelace].title", ChangeKind.Changed, "CTO", "CEO", "Ada Lovelace's title changed from CTO to CEO")]
    [InlineData("committee[Ben Rep].role", ChangeKind.Changed, "champion", "economic_buyer", "Ben Rep's buying-committee role changed from champion to economic buyer")]
    [InlineData("hiring.department[Engineering]", ChangeKind.Changed, "3", "8", "Open roles in Engineering: 3 → 8")]
    [InlineData("hiring.role[Staff Engineer]", ChangeKind.Added, null, "Engineering; Remote", "New job posting: Staff Engineer")]
    [InlineData("hiring.open_roles", ChangeKind.Changed, "3", "8", "Hiring open roles: 3 → 8")]
    [InlineData("investor[Sequoia].round", ChangeKind.Added, null, "Series B", "Sequoia invested (Series B round)")]
    [InlineData("trigger[funding][2026-03-01]", ChangeKind.Added, null, "Acme raises $20M", "New funding news (2026-03-01): Acme raises $20M")]
    [InlineData("displacement[Algolia].priority", ChangeKind.Changed, "medium", "high", "Displacement priority for Algolia: medium → high")]
    [InlineData("displacement[Algolia].replacedBy", ChangeKind.Added, null, "PartnerSearch", "Product to replace Algolia added: PartnerSearch")]
    [InlineData("brief.section[why_now]", ChangeKind.Changed, "Old text", "New text", "Brief section “why now” rewritten")]
    [InlineData("financials.ticker", ChangeKind.Changed, "ACME", "ACMX", "Financials ticker: ACME → ACMX")]
    [InlineData("links.footer[0].href", ChangeKind.Removed, "https://a.test", null, "Links footer href removed: https://a.test")]
    public void Each_path_convention_reads_as_a_sentence(string path, ChangeKind kind, string? old, string? @new, string expected) =>
        ChangeDescriber.Describe(path, kind, old, @new).Should().Be(expected);

    [Fact]
    public void Long_values_are_cut_and_no_bracket_or_path_survives()
    {
        var text = ChangeDescriber.Describe("social[twitter].url", ChangeKind.Changed, new string('a', 500), "b");

        text.Should().NotContainAny("[", "]", "social[");
        text.Length.Should().BeLessThan(200);
        text.Should().Contain("…");
    }

    [Fact]
    public void A_change_event_describes_itself_and_its_alert_title_has_no_path()
    {
        var change = new ChangeEvent(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            new DetectedChange("M02", "tech[Algolia]", ChangeKind.Added, null, "Search", 45, "technology-added-removed", "Algolia"), DateTime.UtcNow);
        var alert = new Alert(Guid.NewGuid(), Guid.NewGuid(), change, "Acme", DateTime.UtcNow);

        change.Describe().Should().Be("Algolia added");
        alert.Title.Should().Be("Acme: Algolia added");
    }

    [Theory]
    [InlineData("open_roles", "open roles")]
    [InlineData("replacedBy", "replaced by")]
    [InlineData("EmployeeBand", "Employee band")]
    public void Identifiers_become_words(string identifier, string expected) => ChangeDescriber.Words(identifier).Should().Be(expected);

    [Theory]
    [InlineData("technical_buyer", "technical buyer")]
    [InlineData("  Chief   Executive Officer ", "Chief Executive Officer")]
    [InlineData("https://acme.example/about_us", "https://acme.example/about_us")]
    [InlineData(null, "")]
    public void Values_beside_a_sentence_read_as_words(string? value, string expected) => ChangeDescriber.Shown(value).Should().Be(expected);
}
