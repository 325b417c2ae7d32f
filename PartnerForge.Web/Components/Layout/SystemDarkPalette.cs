using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace PartnerForge.Web.Components.Layout;

/// <summary>
/// For pages rendered without a live circuit (sign-in): the dark palette's CSS variables inside a
/// <c>prefers-color-scheme: dark</c> media query, so a visitor with no saved choice gets the theme their system prefers
/// without any script. Render it with <c>Theme</c> set and <c>IsDarkMode="true"</c>.
/// </summary>
public sealed class SystemDarkPalette : MudThemeProvider
{
    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        var variables = new StringBuilder();
        GenerateTheme(variables);
        __builder.OpenElement(0, "style");
        __builder.AddContent(1, (MarkupString)$"@media (prefers-color-scheme: dark) {{ :root {{ {variables} }} }}");
        __builder.CloseElement();
    }
}
