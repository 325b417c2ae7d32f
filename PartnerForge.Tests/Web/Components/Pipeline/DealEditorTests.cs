using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Pipeline;

namespace PartnerForge.Tests.Web.Components.Pipeline;

/// <summary>The deal form in its MudDialog, with the real pipeline service over SQLite, as the demo rep.</summary>
public sealed class DealEditorTests : DatabaseComponentTest
{
    private IRenderedComponent<MudDialogProvider>? _dialogs;

    private (IRenderedComponent<MudDialogProvider> Dialogs, Task<bool> Saved) Open(Guid? dealId, Guid? companyId = null)
    {
        if (_dialogs is null)
        {
            RenderInteractively();
            Render<MudPopoverProvider>();
            _dialogs = Render<MudDialogProvider>();
        }

        var dialogs = _dialogs;
        var service = Services.GetRequiredService<IDialogService>();
        var saved = dialogs.InvokeAsync(() => DealEditor.ShowAsync(service, dealId, companyId));
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=deal-form]"));
        return (dialogs, saved);
    }

    [Fact]
    public async Task A_new_deal_without_title_or_amount_is_refused_field_by_field_and_saved_once_they_are_given()
    {
        var acme = await QueryAsync(db => db.Companies.Where(c => c.Name == "Acme Outdoor Supply").Select(c => c.Id).SingleAsync());
        var before = await QueryAsync(db => db.Deals.CountAsync());
        var (dialogs, saved) = Open(null, acme);

        dialogs.Find("[data-testid=deal-form]").Submit();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Title]").TextContent.Should().Contain("Give the deal a title"));
        dialogs.Find("[data-testid=error-Amount]").TextContent.Should().Contain("Enter the deal's amount");
        dialogs.FindAll("[data-testid=error-CompanyId]").Should().BeEmpty("the account came with the form");
        (await QueryAsync(db => db.Deals.CountAsync())).Should().Be(before);
        saved.IsCompleted.Should().BeFalse("a refused form stays open");

        dialogs.Find("#deal-title").Input("Tent line renewal");
        dialogs.Find("#deal-amount").Input("12500");
        dialogs.Find("[data-testid=deal-form]").Submit();

        (await saved.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
        var stored = await QueryAsync(db => db.Deals.SingleAsync(d => d.Title == "Tent line renewal"));
        stored.CompanyId.Should().Be(acme);
        stored.OwnerId.Should().Be(UserId);
        dialogs.FindAll("[data-testid=deal-form]").Should().BeEmpty();
    }

    [Fact]
    public async Task Leaving_with_unsaved_edits_asks_first_and_keeps_them_when_the_user_keeps_editing()
    {
        var deal = await QueryAsync(db => db.Deals.OrderBy(d => d.Title).FirstAsync());
        var (dialogs, saved) = Open(deal.Id);
        dialogs.Find("#deal-title").GetAttribute("value").Should().Be(deal.Title);

        // Unchanged: Cancel closes at once.
        dialogs.Find("[data-testid=deal-cancel]").Click();
        (await saved.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeFalse();

        (dialogs, saved) = Open(deal.Id);
        dialogs.Find("#deal-title").Input("Changed but not saved");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/accounts");
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Discard your changes?"));
        Services.GetRequiredService<NavigationManager>().Uri.Should().NotEndWith("/accounts", "the navigation waits for the answer");

        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep editing").Click();

        dialogs.WaitForAssertion(() => dialogs.Markup.Should().NotContain("Discard your changes?"));
        dialogs.Find("#deal-title").GetAttribute("value").Should().Be("Changed but not saved");
        Services.GetRequiredService<NavigationManager>().Uri.Should().NotEndWith("/accounts");
        saved.IsCompleted.Should().BeFalse();
        (await QueryAsync(db => db.Deals.Where(d => d.Id == deal.Id).Select(d => d.Title).SingleAsync())).Should().Be(deal.Title);
    }
}
