using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace PartnerForge.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, rendering the same markup, but its CSS (the scrollbar, the charts' hover style and the
/// theme's ~23 KB of variables) built once per theme and light/dark and shared by every circuit: MudThemeProvider
/// builds a fresh copy on each render and every live circuit keeps its own in its render tree.
/// </summary>
/// <remarks>
/// It replays MudBlazor's own frames (captured once from the base class's render), so it reads the render-tree types
/// (BL0006) and their sequence numbers (ASP0006), and reads <see cref="MudThemeProvider.IsDarkMode"/> to pick the copy (MUD0010).
/// </remarks>
#pragma warning disable BL0006, ASP0006, MUD0010
public sealed class SharedThemeProvider : MudThemeProvider
{
    private static readonly ConditionalWeakTable<MudTheme, ConcurrentDictionary<(bool Dark, bool DefaultScrollbar), RenderTreeFrame[]?>> Cache = [];

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        var byMode = Cache.GetValue(Theme ?? PartnerForgeTheme.Theme, _ => new());
        var frames = byMode.GetOrAdd((IsDarkMode, DefaultScrollbar), _ => Capture());
        if (frames is null)
        {
            // MudBlazor rendered something other than plain markup (a newer version): render it as it does.
            base.BuildRenderTree(__builder);
            return;
        }

        foreach (var frame in frames)
        {
            __builder.AddMarkupContent(frame.Sequence, frame.MarkupContent);
        }
    }

    /// <summary>MudBlazor's own output for the current theme and mode, kept when it is markup only.</summary>
    private RenderTreeFrame[]? Capture()
    {
        var scratch = new RenderTreeBuilder();
        base.BuildRenderTree(scratch);
        var range = scratch.GetFrames();
        var frames = range.Array.AsSpan(0, range.Count).ToArray();
        return frames.All(f => f.FrameType == RenderTreeFrameType.Markup) ? frames : null;
    }
}
#pragma warning restore BL0006, ASP0006, MUD0010
