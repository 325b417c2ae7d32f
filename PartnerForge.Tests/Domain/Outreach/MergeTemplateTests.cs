using PartnerForge.Domain.Outreach;

namespace PartnerForge.Tests.Domain.Outreach;

public sealed class MergeTemplateTests
{
    private static Dictionary<string, string?> Ada(string fullName = "Ada Lovelace", string? technology = null) =>
        MergeTemplate.Values(fullName, "Head of Operations", "Analytical Engines Ltd", "analytical.example", technology, null, "Sam Seller");

    [Fact]
    public void Fields_are_filled_from_the_person_their_account_and_the_sender()
    {
        var (text, missing) = MergeTemplate.Render("Hi {{first_name}} {{last_name}} ({{full_name}}, {{title}}) at {{account_name}} / {{account_domain}} — {{ sender_name }}", Ada());

        text.Should().Be("Hi Ada Lovelace (Ada Lovelace, Head of Operations) at Analytical Engines Ltd / analytical.example — Sam Seller");
        missing.Should().BeEmpty();
    }

    [Fact]
    public void A_field_without_a_value_takes_its_fallback()
    {
        MergeTemplate.Render("Hi {{first_name | there}}, on {{technology|your stack}}", Ada("  ")).Text.Should().Be("Hi there, on your stack");
        MergeTemplate.Render("On {{technology | your stack}}", Ada(technology: "   ")).Text.Should().Be("On your stack", "a blank value counts as none");
        MergeTemplate.Render("On {{technology | your stack}}", Ada(technology: " Shopify ")).Text.Should().Be("On Shopify", "a value wins over the fallback, trimmed");
    }

    [Fact]
    public void A_field_with_neither_value_nor_fallback_is_named_as_missing_once()
    {
        var (text, missing) = MergeTemplate.Render("About {{trigger}} and {{trigger}}, {{last_name}}.", Ada("Ada"));

        missing.Should().Equal("trigger", "last_name");
        text.Should().Be("About  and , .");
    }

    [Fact]
    public void Unknown_and_unclosed_fields_are_problems_and_good_templates_have_none()
    {
        MergeTemplate.Problems("Hi {{first_name | there}}, about {{ account_name }}").Should().BeEmpty();
        MergeTemplate.Problems(null).Should().BeEmpty();
        MergeTemplate.Problems("Hi {{firstname}} and {{firstname}}").Should().ContainSingle()
            .Which.Should().StartWith("{{firstname}} is not a merge field").And.Contain("{{first_name}}");
        MergeTemplate.Problems("Hi {{first_name").Should().ContainSingle().Which.Should().Contain("not closed");
        MergeTemplate.Problems("Hi first_name}}").Should().ContainSingle().Which.Should().Contain("not closed");
    }

    [Fact]
    public void Html_escapes_the_text_keeps_paragraphs_and_line_breaks()
    {
        var html = MergeTemplate.ToHtml("Hello <b>Ada</b> & \"friends\",\r\nsecond line\r\n\r\nNew paragraph", url => url);

        html.Should().Be("<p>Hello &lt;b&gt;Ada&lt;/b&gt; &amp; &quot;friends&quot;,<br>\nsecond line</p>\n<p>New paragraph</p>\n");
    }

    [Fact]
    public void A_merged_value_cannot_inject_markup()
    {
        var values = Ada("<script>alert(1)</script> Lovelace");
        var html = MergeTemplate.ToHtml(MergeTemplate.Render("Hi {{full_name}}", values).Text, url => url);

        html.Should().NotContain("<script>").And.Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    [Fact]
    public void Web_addresses_become_links_through_the_given_function_without_trailing_punctuation()
    {
        var seen = new List<string>();
        var html = MergeTemplate.ToHtml("See https://example.com/a?b=1&c=2. Or (http://example.org/x).", url =>
        {
            seen.Add(url);
            return "https://forge.example.com/t/c/" + seen.Count + "?u=" + url;
        });

        seen.Should().Equal("https://example.com/a?b=1&c=2", "http://example.org/x");
        html.Should().Contain("<a href=\"https://forge.example.com/t/c/1?u=https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a>. Or (")
            .And.Contain(">http://example.org/x</a>).</p>");
        MergeTemplate.Links("none here, and https://a.example/p, then https://b.example").Should().Equal("https://a.example/p", "https://b.example");
    }
}
