using PartnerForge.Web.Components.Layout;

namespace PartnerForge.Tests.Web;

public sealed class AlertToastTextTests
{
    [Fact]
    public void A_short_title_shows_whole_and_a_long_one_is_cut_at_160_characters_with_an_ellipsis()
    {
        AlertsBell.Shorten("Acme Outdoor Supply: Raises $30M Series B").Should().Be("Acme Outdoor Supply: Raises $30M Series B");

        var brief = "Acme Outdoor Supply: brief changed — " + string.Join(' ', Enumerable.Repeat("why now: replatforming to a headless storefront", 6));
        var shown = AlertsBell.Shorten(brief);
        shown.Length.Should().BeLessThanOrEqualTo(160);
        shown.Should().EndWith("…").And.StartWith("Acme Outdoor Supply: brief changed");
        AlertsBell.Shorten(new string('x', 160)).Should().HaveLength(160).And.NotEndWith("…");
    }
}
