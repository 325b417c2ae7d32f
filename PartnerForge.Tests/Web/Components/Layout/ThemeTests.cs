using Bunit;
using MudBlazor;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Layout;

namespace PartnerForge.Tests.Web.Components.Layout;

/// <summary>The theme switch, the saved choice and the palette pages without a live circuit use.</summary>
public sealed class ThemeTests : ComponentTest
{
    [Theory]
    [InlineData(null, ThemePreference.System)]
    [InlineData("", ThemePreference.System)]
    [InlineData("dark", ThemePreference.Dark)]
    [InlineData("light", ThemePreference.Light)]
    [InlineData("material-dark", ThemePreference.Dark)]
    [InlineData("material", ThemePreference.Light)]
    [InlineData("system", ThemePreference.System)]
    [InlineData("neon", ThemePreference.System)]
    public void A_saved_choice_reads_back_including_the_values_earlier_versions_wrote(string? cookie, ThemePreference expected) =>
        ThemePreferences.Parse(cookie).Should().Be(expected);

    [Fact]
    public void Following_the_device_is_stored_as_no_value_and_the_others_read_back()
    {
        ThemePreferences.StoredValue(ThemePreference.System).Should().BeNull();
        ThemePreferences.Parse(ThemePreferences.StoredValue(ThemePreference.Dark)).Should().Be(ThemePreference.Dark);
        ThemePreferences.Parse(ThemePreferences.StoredValue(ThemePreference.Light)).Should().Be(ThemePreference.Light);
    }

    [Fact]
    public void This_browsers_cookie_outranks_the_choice_in_the_sign_in_claim_which_serves_a_new_browser()
    {
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(PartnerForge.Infrastructure.Tenancy.PartnerForgeClaims.Theme, "dark")], "test"));

        ThemePreferences.Resolve(null, user).Should().Be("dark");
        ThemePreferences.Resolve("light", user).Should().Be("light");
        ThemePreferences.Resolve("system", user).Should().Be("system");
        ThemePreferences.Resolve(null, null).Should().BeNull();
    }

    [Fact]
    public void The_toggle_is_a_named_button_that_asks_for_the_other_theme()
    {
        bool? asked = null;
        var cut = Render<ThemeToggle>(p => p.Add(t => t.Dark, false).Add(t => t.DarkChanged, (bool value) => asked = value));

        var button = cut.Find("[data-testid=theme-toggle] button");
        button.GetAttribute("aria-label").Should().Be("Switch to the dark theme");
        button.GetAttribute("aria-pressed").Should().Be("false");
        button.Click();
        asked.Should().BeTrue();

        cut.Render(p => p.Add(t => t.Dark, true));
        cut.Find("[data-testid=theme-toggle] button").GetAttribute("aria-label").Should().Be("Switch to the light theme");
    }

    [Fact]
    public void Without_a_saved_choice_static_pages_get_the_dark_palette_inside_a_system_dark_media_query()
    {
        var cut = Render<SystemDarkPalette>(p => p.Add(t => t.Theme, PartnerForgeTheme.Theme).Add(t => t.IsDarkMode, true));

        var css = cut.Find("style").TextContent;
        css.Should().StartWith("@media (prefers-color-scheme: dark)");
        css.Should().Contain("--mud-palette-background: rgba(15,20,38,1)", "the dark palette's page background");
        css.Should().Contain("--mud-palette-text-primary: rgba(230,233,245,1)");
    }

    [Fact]
    public void Dark_text_keeps_at_least_4_5_to_1_contrast_on_the_dark_surfaces()
    {
        var dark = PartnerForgeTheme.Theme.PaletteDark;
        foreach (var surface in new[] { dark.Background, dark.Surface })
        {
            foreach (var text in new[] { dark.TextPrimary, dark.TextSecondary, dark.Primary, dark.Error })
            {
                Contrast(text, surface).Should().BeGreaterThanOrEqualTo(4.5, $"{text} on {surface}");
            }
        }

        var light = PartnerForgeTheme.Theme.PaletteLight;
        foreach (var text in new[] { light.TextPrimary, light.TextSecondary, light.Primary })
        {
            Contrast(text, light.Surface).Should().BeGreaterThanOrEqualTo(4.5, $"{text} on {light.Surface}");
        }
    }

    [Fact]
    public void Status_colours_read_at_4_5_to_1_as_text_and_carry_readable_text_when_they_fill_a_chip_or_button()
    {
        var light = PartnerForgeTheme.Theme.PaletteLight;
        var lightStatus = new[] { (light.Success, light.SuccessContrastText), (light.Error, light.ErrorContrastText),
            (light.Warning, light.WarningContrastText), (light.Info, light.InfoContrastText), (light.Primary, light.PrimaryContrastText),
            (light.Secondary, light.SecondaryContrastText) };
        foreach (var (colour, onColour) in lightStatus)
        {
            Contrast(colour, light.Surface).Should().BeGreaterThanOrEqualTo(4.5, $"{colour} as text on the surface {light.Surface}");
            Contrast(colour, light.Background).Should().BeGreaterThanOrEqualTo(4.5, $"{colour} as text on the background {light.Background}");
            Contrast(onColour, colour).Should().BeGreaterThanOrEqualTo(4.5, $"{onColour} on a {colour} fill");
        }

        var dark = PartnerForgeTheme.Theme.PaletteDark;
        var darkStatus = new[] { (dark.Success, dark.SuccessContrastText), (dark.Error, dark.ErrorContrastText),
            (dark.Warning, dark.WarningContrastText), (dark.Info, dark.InfoContrastText), (dark.Primary, dark.PrimaryContrastText),
            (dark.Secondary, dark.SecondaryContrastText) };
        foreach (var (colour, onColour) in darkStatus)
        {
            Contrast(colour, dark.Surface).Should().BeGreaterThanOrEqualTo(4.5, $"{colour} as text on the surface {dark.Surface}");
            Contrast(onColour, colour).Should().BeGreaterThanOrEqualTo(4.5, $"{onColour} on a {colour} fill");
        }
    }

    private static double Contrast(MudBlazor.Utilities.MudColor a, MudBlazor.Utilities.MudColor b)
    {
        static double Luminance(MudBlazor.Utilities.MudColor c)
        {
            static double Channel(byte v)
            {
                var s = v / 255.0;
                return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
            }

            return (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));
        }

        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }
}
