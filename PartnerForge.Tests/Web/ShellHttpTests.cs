using System.Net;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>The app shell over HTTP: the framework's own Blazor script and the package assets the pages link.</summary>
public sealed class ShellHttpTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    [Fact]
    public async Task The_sdk_serves_the_net10_blazor_script_without_signing_in()
    {
        var response = await app.NewClient().GetAsync("/_framework/blazor.web.js");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        var script = await response.Content.ReadAsStringAsync();
        script.Length.Should().BeGreaterThan(100_000);
        // Events only the .NET 10 script raises (the ReconnectModal listens to them).
        script.Should().Contain("components-reconnect-state-changed").And.Contain("components-reconnect-paused");
    }

    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/PartnerForge.Web.styles.css")]
    public async Task Package_static_assets_are_served(string path)
    {
        var response = await app.NewClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(10_000);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/accounts/import/nothing/here")]
    public async Task An_unknown_address_answers_404_with_the_not_found_page_inside_the_layout(string path)
    {
        var client = await app.SignedInClientAsync("rep@northwind.test");

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("There is nothing at this address");
        page.Should().Contain("<nav aria-label=\"Main\"", "the layout's navigation stays so the user can go on")
            .And.Contain("href=\"/accounts\"").And.Contain("Northwind Analytics");
        page.Should().Contain("id=\"components-reconnect-modal\"").And.Contain("id=\"blazor-error-ui\"");
    }

    [Fact]
    public async Task An_unknown_address_still_asks_a_signed_out_visitor_to_sign_in()
    {
        var response = await app.NewClient().GetAsync("/no-such-page");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/login");
    }

    [Fact]
    public async Task The_reconnect_dialog_script_is_served()
    {
        var response = await app.NewClient().GetAsync("/Components/Layout/ReconnectModal.razor.js");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("components-reconnect-state-changed");
    }

    [Fact]
    public async Task The_prerendered_dashboard_hands_its_figures_to_the_interactive_render()
    {
        var client = await app.SignedInClientAsync("rep@northwind.test");

        var dashboard = await (await client.GetAsync("/?period=year")).Content.ReadAsStringAsync();
        var alerts = await (await client.GetAsync("/alerts")).Content.ReadAsStringAsync();

        dashboard.Should().Contain("data-testid=\"kpi-pipeline\"", "the figures are prerendered");
        // Every page carries some state (the signed-in user's); the dashboard also carries its figures ([PersistentState]).
        StateOf(alerts).Should().NotBeEmpty();
        StateOf(dashboard).Length.Should().BeGreaterThan(StateOf(alerts).Length + 1500, "the dashboard's loaded figures travel with the page");
    }

    /// <summary>The protected state Blazor writes into a prerendered page for the interactive render.</summary>
    private static string StateOf(string page)
    {
        var match = System.Text.RegularExpressions.Regex.Match(page, "<!--Blazor-Server-Component-State:(.*?)-->");
        return match.Success ? match.Groups[1].Value : string.Empty;
    }
}
