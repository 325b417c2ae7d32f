using Microsoft.JSInterop;

namespace PartnerForge.Web.Components.Layout;

/// <summary>Light, dark, or whatever the operating system prefers (the default).</summary>
public enum ThemePreference
{
    System,
    Light,
    Dark,
}

/// <summary>
/// Where the theme choice lives: a year-long cookie the server reads while prerendering (so the first paint already
/// has the right palette) and the layout receives through a cascading value.
/// </summary>
public sealed class ThemePreferences(IJSRuntime js)
{
    public const string CascadeName = "ThemePreference";
    public const string Cookie = "PartnerForge.Theme";

    /// <summary>Reads a cookie value; values written by earlier versions ("material-dark", "material") still count.</summary>
    public static ThemePreference Parse(string? value) => value switch
    {
        null or "" => ThemePreference.System,
        _ when value.EndsWith("dark", StringComparison.OrdinalIgnoreCase) => ThemePreference.Dark,
        "light" or "material" => ThemePreference.Light,
        _ => ThemePreference.System,
    };

    public static string? CookieValue(ThemePreference preference) => preference switch
    {
        ThemePreference.Dark => "dark",
        ThemePreference.Light => "light",
        _ => null,
    };

    public async Task SaveAsync(ThemePreference preference)
    {
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./Components/Layout/ThemeToggle.razor.js");
        await module.InvokeVoidAsync("saveTheme", Cookie, CookieValue(preference));
    }
}
