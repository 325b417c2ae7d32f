using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Alerts;

namespace PartnerForge.Tests.Web.Components.Alerts;

/// <summary>The alert rule editor over the real AlertSettings on SQLite: its own validation first, then the save.</summary>
public sealed class AlertRuleEditorTests : DatabaseComponentTest
{
    [Fact]
    public async Task Dump()
    {
        Render<MudPopoverProvider>();
        var cut = Render<AlertRuleEditor>();
        cut.Find("[data-testid=rule-form]").Submit();
        await Task.Delay(100);
        File.WriteAllText("/tmp/misc-editor.html", cut.Markup);
    }
}
