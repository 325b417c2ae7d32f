using MudBlazor;

namespace PartnerForge.Web.Components.Layout;

/// <summary>
/// The one MudBlazor theme: the brand's violet and teal, a dark navigation drawer in both modes, and a dark palette
/// whose text and links keep at least 4.5:1 contrast on its surfaces.
/// </summary>
public static class PartnerForgeTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#5b4df5",
            Secondary = "#0e7c8c",
            Tertiary = "#22b8cf",
            AppbarBackground = "#ffffff",
            AppbarText = "#1d2233",
            Background = "#f5f6fb",
            Surface = "#ffffff",
            DrawerBackground = "#141a2e",
            DrawerText = "#c9cfe6",
            DrawerIcon = "#c9cfe6",
            TextPrimary = "#1d2233",
            TextSecondary = "#555d73",
            ActionDefault = "#555d73",
            LinesDefault = "#e3e6ef",
            TableLines = "#e3e6ef",
            Divider = "#e3e6ef",
            // MudBlazor's default status colours (#00c853, #f44336, #ff9800, #2196f3) read at 2-3.7:1 as text on white
            // (outlined chips, text buttons, the audit log's new values); these keep 4.5:1 on the surface and the
            // background, and as the fill behind white text.
            Success = "#2e7d32",
            Error = "#c62828",
            Warning = "#a15c00",
            Info = "#1565c0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9d94ff",
            PrimaryContrastText = "#0f1426",
            Secondary = "#4fd1e3",
            Tertiary = "#22b8cf",
            AppbarBackground = "#171d33",
            AppbarText = "#e6e9f5",
            Background = "#0f1426",
            BackgroundGray = "#1b2239",
            Surface = "#171d33",
            DrawerBackground = "#0b0f1e",
            DrawerText = "#c9cfe6",
            DrawerIcon = "#c9cfe6",
            TextPrimary = "#e6e9f5",
            TextSecondary = "#b0b8d4",
            ActionDefault = "#b0b8d4",
            LinesDefault = "#2c3452",
            TableLines = "#2c3452",
            Divider = "#2c3452",
            Error = "#ff8a80",
            Success = "#69db7c",
            Warning = "#ffc266",
            Info = "#74c0fc",
            // The light dark-mode colours above carry dark text when they fill a button or chip (white would read at ~2:1).
            SecondaryContrastText = "#0f1426",
            TertiaryContrastText = "#0f1426",
            ErrorContrastText = "#0f1426",
            SuccessContrastText = "#0f1426",
            WarningContrastText = "#0f1426",
            InfoContrastText = "#0f1426",
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "10px",
            DrawerWidthLeft = "232px",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Roboto", "Segoe UI", "system-ui", "sans-serif"] },
        },
    };
}
