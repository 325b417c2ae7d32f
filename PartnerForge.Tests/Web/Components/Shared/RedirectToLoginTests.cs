using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Shared;

namespace PartnerForge.Tests.Web.Components.Shared;

/// <summary>An anonymous visitor is sent to the sign-in page with the address they asked for, to come back after.</summary>
public sealed class RedirectToLoginTests : ComponentTest
{
    [Fact]
    public void The_sign_in_page_gets_the_requested_address_as_the_return_url()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/accounts?view=mine");

        Render<RedirectToLogin>();

        navigation.Uri.Should().Be("http://localhost/account/login?returnUrl=%2Faccounts%3Fview%3Dmine");
        var fake = (BunitNavigationManager)navigation;
        fake.History.First().Options.ForceLoad.Should().BeTrue("the sign-in page is a server-rendered form, outside the circuit");
    }
}
