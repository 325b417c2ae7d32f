using FluentAssertions;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Scoring;
using Xunit;

namespace PartnerForge.Tests.Domain.Scoring;

public sealed class BriefBuilderTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    private static SourceRef Src(string url) => new(url, Now.AddDays(-2), "test", "excerpt");

    internal static Dictionary<string, IReadOnlyList<Fact>> FullFacts() => new()
    {
        ["M01"] = [new("company.description", "Outdoor gear for every trail", Src("https://acme.test/")), new("company.industry", "Retail", Src("https://acme.test/")), new("company.hq", "Denver, US", Src("https://acme.test/about"))],
        ["M02"] = [new("tech[Shopify]", "ecommerce; confidence 100", Src("https://acme.test/")), new("tech[Algolia]", "search; confidence 90", Src("https://acme.test/"))],
        ["M06"] = [new("hiring.open_roles", "14", Src("https://boards.test/acme")), new("hiring.trend", "up", Src("https://boards.test/acme")), new("hiring.department[Engineering]", "8", Src("https://boards.test/acme")), new("hiring.tech_role[Kafka]", "Senior Kafka Engineer", Src("https://boards.test/acme/1"))],
        ["M07"] = [new("trigger[Funding][2026-10-01]", "Acme raises $40M Series C", Src("https://acme.test/press/1")), new("trigger[Replatforming][2026-09-12]", "Acme moves to a new commerce platform", Src("https://acme.test/press/2"))],
        ["M08"] = [new("investor[Summit Partners].round", "Series C", Src("https://acme.test/press/1")), new("investor[Summit Partners].date", "2026-10-01", Src("https://acme.test/press/1")), new("investor[Summit Partners].amount", "$40M", Src("https://acme.test/press/1"))],
        ["M09"] = [new("executive[Dana Reyes].title", "Chief Digital Officer", Src("https://acme.test/team"))],
        ["M10"] = [new("committee[Dana Reyes].role", "economic_buyer", Src("https://acme.test/team")), new("committee[Dana Reyes].title", "Chief Digital Officer", Src("https://acme.test/team")), new("committee[Lee Park].role", "technical_buyer", Src("https://acme.test/team"))],
        ["M11"] = [new("displacement[Algolia].priority", "high", Src("https://acme.test/")), new("displacement[Algolia].replacedBy", "Northwind Search", Src("https://acme.test/")), new("displacement[Algolia].evidence", "script src algolia", Src("https://acme.test/"))],
        ["M12"] = [new("evidence[Trailhead cut search bounce 30%].kind", "case_study", Src("https://northwind.test/cases/1")), new("evidence[Trailhead cut search bounce 30%].score", "88", Src("https://northwind.test/cases/1")), new("evidence[Trailhead cut search bounce 30%].reason", "Retail, Shopify, same size.", Src("https://northwind.test/cases/1"))],
        ["M13"] = [new("fit.score", "80", Src("https://acme.test/")), new("fit.factor[Industry]", "+30 industry is Retail", Src("https://acme.test/")), new("fit.factor[Country]", "+0 country is DE, not US", Src("https://acme.test/"))],
        ["M14"] = [new("signal.score", "55", Src("https://acme.test/")), new("signal.factor[Funding: Acme raises $40M Series C]", "+30 …", Src("https://acme.test/press/1"))],
    };

    [Fact]
    public void Every_sentence_cites_facts_that_exist_in_the_input()
    {
        var facts = FullFacts();
        var brief = BriefBuilder.Build("Acme Outdoor", facts, Now);

        var all = facts.SelectMany(m => m.Value.Select(f => (m.Key, f.Path, f.Value, f.Source.Url))).ToHashSet();
        brief.Sections.Select(s => s.Key).Should().Equal("why_account", "why_now", "whom", "what_to_say", "proof");
        brief.Sections.Should().OnlyContain(s => s.Sentences.Count > 0);
        foreach (var sentence in brief.Sections.SelectMany(s => s.Sentences))
        {
            sentence.Citations.Should().NotBeEmpty();
            sentence.Citations.Should().OnlyContain(c => all.Contains(new(c.Module, c.Path, c.Value, c.SourceUrl)), sentence.Text);
        }

        Section(brief, "why_account").Should().Contain("Acme Outdoor scores 80/100 against your ideal customer profile: industry is Retail.");
        Section(brief, "why_account").Should().NotContain(s => s.Contains("country is DE", StringComparison.Ordinal), "unmatched criteria are not reasons");
        Section(brief, "why_now").Should().StartWith("On 2026-10-01: “Acme raises $40M Series C” (funding).");
        Section(brief, "why_now").Should().Contain("Summit Partners backed Acme Outdoor in its Series C ($40M) on 2026-10-01.");
        Section(brief, "whom").Should().Equal("Dana Reyes, Chief Digital Officer: the economic buyer, who signs.", "Lee Park: the technical buyer, who vets the fit.");
        Section(brief, "what_to_say")[0].Should().Be("They run Algolia: position Northwind Search as its replacement (high priority).");
        Section(brief, "proof").Should().Equal("Use “Trailhead cut search bounce 30%” (case study), match 88/100: Retail, Shopify, same size.");
    }

    [Fact]
    public void Without_facts_a_section_stays_empty_and_a_sentence_cannot_be_built_uncited()
    {
        var brief = BriefBuilder.Build("Empty Co", new Dictionary<string, IReadOnlyList<Fact>>(), Now);
        brief.IsEmpty.Should().BeTrue();
        brief.Sources().Should().BeEmpty();

        var onlyTech = BriefBuilder.Build("Tech Co", new Dictionary<string, IReadOnlyList<Fact>> { ["M02"] = [new("tech[Shopify]", "x", Src("https://t.test/"))] }, Now);
        onlyTech.Sections.Single(s => s.Key == "why_account").Sentences.Single().Text.Should().Be("Its website runs Shopify.");
        onlyTech.Sections.Where(s => s.Key != "why_account").Should().OnlyContain(s => s.Sentences.Count == 0);

        FluentActions.Invoking(() => new BriefSentence("An unsupported claim.", [])).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_same_facts_give_the_same_brief_and_exports_number_every_source()
    {
        var a = BriefBuilder.Build("Acme Outdoor", FullFacts(), Now);
        var b = BriefBuilder.Build("Acme Outdoor", FullFacts(), Now);
        BriefText.Markdown(a).Should().Be(BriefText.Markdown(b));

        var markdown = BriefText.Markdown(a);
        markdown.Should().StartWith("# Strategic brief: Acme Outdoor");
        markdown.Should().Contain("## Why now").And.Contain("[^1]").And.Contain("<https://acme.test/press/1>");
        var sources = a.Sources();
        markdown.Should().Contain($"[^{sources.Count}]: ");

        var html = BriefText.Html(BriefBuilder.Build("<script>x</script>", FullFacts(), Now));
        html.Should().Contain("&lt;script&gt;x&lt;/script&gt;").And.NotContain("<script>x");
        html.Should().Contain("<a href=\"#s1\">[1]</a>").And.Contain("id=\"s1\"");
    }

    private static List<string> Section(StrategicBrief brief, string key) => brief.Sections.Single(s => s.Key == key).Sentences.Select(s => s.Text).ToList();
}
