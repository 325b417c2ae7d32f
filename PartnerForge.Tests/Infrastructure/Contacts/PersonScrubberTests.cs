using System.Text.Json;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Auditing;
using PartnerForge.Infrastructure.Contacts;

namespace PartnerForge.Tests.Infrastructure.Contacts;

/// <summary>Taking one person out of stored text, HTML and JSON, and the audit log's words for a privacy request.</summary>
public sealed class PersonScrubberTests
{
    private readonly PersonScrubber _person = new("Seán O'Brien", "sean.obrien+sales@acme.example");

    [Theory]
    [InlineData("Seán O'Brien replied", "[erased] replied")]
    [InlineData("SEÁN O'BRIEN replied", "[erased] replied")]
    [InlineData("write to sean.obrien+sales@acme.example.", "write to [erased].")]
    [InlineData("<Sean.OBrien+sales@Acme.example>", "<[erased]>")]
    [InlineData("Se&#225;n O&#39;Brien in a digest", "[erased] in a digest")]
    [InlineData("Seán O'Briennes and xsean.obrien+sales@acme.example stay", "Seán O'Briennes and xsean.obrien+sales@acme.example stay")]
    public void Text_loses_the_name_and_address_in_any_case_as_whole_words(string text, string expected) =>
        _person.Text(text).Should().Be(expected);

    [Fact]
    public void A_path_keeps_its_brackets()
    {
        _person.Path("outreach[Seán O'Brien].replied").Should().Be("outreach[(erased)].replied");
        _person.Mentions("executive[Ben Okafor].title").Should().BeFalse();
    }

    [Fact]
    public void Json_is_scrubbed_as_json_values_keys_and_escaped_text_inside_strings_and_stays_valid()
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["PersonName"] = new { old = (string?)null, @new = "Seán O'Brien" },
            ["Seán O'Brien"] = 1,
            ["filter"] = new { @new = JsonSerializer.Serialize(new { search = "Seán O'Brien" }) },
            ["other"] = "Ben Okafor",
        });
        json.Should().Contain("\\u0027", "System.Text.Json escapes the apostrophe by default");

        var scrubbed = _person.Json(json, canonical: false);

        scrubbed.Should().NotContain("Brien").And.NotContain("Se\\u00E1n");
        var root = JsonDocument.Parse(scrubbed).RootElement;
        root.GetProperty("PersonName").GetProperty("new").GetString().Should().Be(PersonScrubber.Erased);
        root.TryGetProperty(PersonScrubber.Erased, out _).Should().BeTrue("a key naming the person is renamed");
        root.GetProperty("other").GetString().Should().Be("Ben Okafor");
    }

    [Fact]
    public void A_snapshot_stays_canonical_with_the_name_out_of_its_paths_values_and_excerpts()
    {
        var source = new SourceRef("https://acme.example/team", new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), "json-ld", "Seán O'Brien leads sales");
        var json = CanonicalJson.FromFacts([new Fact("executive[Seán O'Brien].title", "VP Sales", source), new Fact("executive[Ben Okafor].title", "CFO", source)]);

        var scrubbed = _person.Json(json, canonical: true);

        scrubbed.Should().Contain("executive[(erased)].title").And.Contain("[erased] leads sales").And.Contain("executive[Ben Okafor].title").And.NotContain("Brien");
        CanonicalJson.Canonicalize(System.Text.Json.Nodes.JsonNode.Parse(scrubbed)).Should().Be(scrubbed);
    }

    [Fact]
    public void The_audit_log_says_a_privacy_request_in_its_own_sentence()
    {
        var changes = JsonSerializer.Serialize(new Dictionary<string, object?> { [AuditDescriber.PrivacyField] = new { old = (string?)null, @new = "Erased a contact at Acme Corp (…)" } });

        var words = AuditDescriber.Describe(new AuditInput("Alex Admin", AuditAction.Erased, "Contact", Guid.NewGuid(), changes), AuditDescriber.Parse(changes), null,
            new Dictionary<Guid, string>());

        words.Summary.Should().Be("Alex Admin: Erased a contact at Acme Corp (…)");
        words.Lines.Should().BeEmpty();
    }

    [Fact]
    public void The_erasure_sentence_names_the_account_and_counts_but_no_one()
    {
        var sentence = new ErasureSummary("Acme Corp", true, 1, 3, 4, 1, 2, 0, 2, 0).Sentence();

        sentence.Should().StartWith("Erased a contact at Acme Corp (1 sequence enrolment and 3 e-mails or tasks removed;")
            .And.Contain("4 timeline entries").And.Contain("2 intelligence snapshots").And.EndWith("kept only as a hash on the suppression list)");
    }
}
