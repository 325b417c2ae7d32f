using Microsoft.JSInterop;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Web.Components.Layout;

/// <summary>Light, dark, or whatever the operating system prefers (the default).</summary>
public enum ThemePreference
{
    System,
    Light,
    Dark,
}

/// <summary>
/// Where the theme choice lives: with the user (so every browser they sign in from gets it; it rides in the sign-in
/// cookie as a claim) and in a year-long cookie of this browser (fresher than the claim once changed). The server
/// reads them while prerendering, so the first paint already has the right palette, and the layout receives the
/// result through a cascading value.
/// </summary>
public sealed class ThemePreferences(IJSRuntime js, UserPreferences users)
{
    public const string CascadeName = "ThemePreference";
    public const string Cookie = "PartnerForge.Theme";

    /// <summary>This browser's cookie when it has one, else the user's saved choice.</summary>
    public static string? Resolve(string? cookie, System.Security.Claims.ClaimsPrincipal? user) =>
        string.IsNullOrEmpty(cookie) ? user?.FindFirst(PartnerForgeClaims.Theme)?.Value : cookie;

    /// <summary>Reads a saved value; values written by earlier versions ("material-dark", "material") still count.</summary>
    public static ThemePreference Parse(string? value) => value switch
    {
        null or "" or "system" => ThemePreference.System,
        _ when value.EndsWith("dark", StringComparison.OrdinalIgnoreCase) => ThemePreference.Dark,
        "light" or "material" => ThemePreference.Light,
        _ => ThemePreference.System,
    };

    /// <summary>The stored value: "light", "dark", or null for following the device.</summary>
    public static string? StoredValue(ThemePreference preference) => preference switch
    {
        ThemePreference.Dark => "dark",
        ThemePreference.Light => "light",
        _ => null,
    };

    public async Task SaveAsync(ThemePreference preference)
    {
        await users.SetThemeAsync(StoredValue(preference));
        // "system" is written out (not the cookie dropped), so it outranks an older choice still in the sign-in claim.
        await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./Components/Layout/ThemeToggle.razor.js");
        await module.InvokeVoidAsync("saveTheme", Cookie, StoredValue(preference) ?? "system");
    }
}
