using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Shared;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The save-view dialog: a name is required, the share switch is carried, Cancel returns nothing.</summary>
public sealed class SaveViewDialogTests : ComponentTest
{
    [Fact]
    public async Task An_empty_name_is_refused_and_a_named_shared_view_is_returned()
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var dialog = await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<SaveViewDialog>("Save view"));

        provider.WaitForAssertion(() => provider.Find("#save-view-form"));
        provider.Find("#save-view-form").Submit();
        provider.WaitForAssertion(() => provider.Find("#view-name-error").TextContent.Should().Be("Give the view a name."));

        provider.Find("#view-name").Input("  Driftwood watch ");
        provider.Find(".mud-dialog input[type=checkbox]").Change(true);
        provider.Find("#save-view-form").Submit();

        var result = await dialog.Result;
        result!.Canceled.Should().BeFalse();
        result.Data.Should().Be(new SaveViewDialog.Choice("Driftwood watch", true));
    }

    [Fact]
    public async Task Cancel_returns_nothing()
    {
        var provider = Render<MudDialogProvider>();
        var dialog = await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<SaveViewDialog>("Save view"));

        provider.WaitForAssertion(() => provider.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click());

        (await dialog.Result)!.Canceled.Should().BeTrue();
    }
}
