using Bunit;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages;

namespace PartnerForge.Tests.Web.Components.Pages;

/// <summary>The not-found page says what happened in words and links back to the dashboard.</summary>
public sealed class NotFoundTests : ComponentTest
{
    [Fact]
    public void Not_found_explains_and_links_back_to_the_dashboard()
    {
        var cut = Render<NotFound>();

        cut.Find("h1").TextContent.Should().Be("Not found");
        cut.Find("[role=status]").TextContent.Should().Contain("There is nothing at this address")
            .And.Contain("not part of your workspace");
        var back = cut.Find("a[href='/']");
        back.TextContent.Should().Contain("Go to the dashboard");
    }
}
