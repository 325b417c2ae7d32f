using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The account form on its own: errors per field, submit, and the guard against leaving with unsaved edits.</summary>
public sealed class AccountFormTests : ComponentTest
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void Errors_show_beside_their_fields_with_a_summary_and_submit_runs_the_save()
    {
        var saves = 0;
        var errors = new Dictionary<string, string> { ["Name"] = "A name is required.", ["Domain"] = "x is not a domain like example.com." };
        var cut = Render<AccountForm>(p => p
            .Add(f => f.Model, new AccountForm.FormModel { Domain = "x" })
            .Add(f => f.Errors, errors)
            .Add(f => f.OnSubmit, () => saves++));

        cut.Find("#name-error").TextContent.Should().Be("A name is required.");
        cut.Find("#domain-error").TextContent.Should().Be("x is not a domain like example.com.");
        cut.Find("#name").GetAttribute("aria-describedby").Should().Contain("name-error");
        cut.FindAll("#country-error").Should().BeEmpty();
        cut.Find(".pf-alert-error").TextContent.Should().Contain("Please fix the highlighted fields.");
        cut.Find("#domain").GetAttribute("value").Should().Be("x", "what was typed stays");

        cut.Find("[data-testid=account-form]").Submit();
        saves.Should().Be(1);

        cut.Render(p => p.Add(f => f.Busy, true));
        cut.Find("[data-testid=save-account]").HasAttribute("disabled").Should().BeTrue();
        cut.Find("[data-testid=account-form]").Submit();
        saves.Should().Be(1, "a second submit while saving is ignored");
    }

    [Fact]
    public void Typing_updates_the_model_at_once_and_leaving_with_unsaved_edits_asks_first()
    {
        Navigation.NavigateTo("/accounts/1");
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var model = new AccountForm.FormModel { Name = "Acme" };
        var cut = Render<AccountForm>(p => p.Add(f => f.Model, model).Add(f => f.Owners, [new OwnerOption(Guid.NewGuid(), "Morgan Manager")]));
        cut.Instance.Dirty.Should().BeFalse();

        cut.Find("#name").Input("Acme Outdoor");
        model.Name.Should().Be("Acme Outdoor", "fields update as you type, so a submit never races them");
        cut.Instance.Dirty.Should().BeTrue();

        _ = cut.InvokeAsync(() => Navigation.NavigateTo("/pipeline"));
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain("Leave without saving?"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Stay").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        Navigation.Uri.Should().EndWith("/accounts/1", "staying keeps the edits");

        _ = cut.InvokeAsync(() => Navigation.NavigateTo("/pipeline"));
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Leave").Click());
        cut.WaitForAssertion(() => Navigation.Uri.Should().EndWith("/pipeline"));
    }

    [Fact]
    public void A_saved_form_or_a_fresh_model_lets_the_user_leave_without_asking()
    {
        Navigation.NavigateTo("/accounts/1");
        var dialogs = Render<MudDialogProvider>();
        var model = new AccountForm.FormModel { Name = "Acme" };
        var cut = Render<AccountForm>(p => p.Add(f => f.Model, model).Add(f => f.Errors, new Dictionary<string, string>()));
        cut.Find("#industry").Input("Retail");
        cut.Instance.Dirty.Should().BeTrue();

        // The save answered without errors (a new, empty error set).
        cut.Render(p => p.Add(f => f.Errors, new Dictionary<string, string>()));
        cut.Instance.Dirty.Should().BeFalse();

        cut.Find("#industry").Input("Sports");
        cut.Render(p => p.Add(f => f.Model, new AccountForm.FormModel { Name = "Acme", Industry = "Sports" }));
        cut.Instance.Dirty.Should().BeFalse("a reloaded account is what was saved");

        cut.InvokeAsync(() => Navigation.NavigateTo("/pipeline"));
        Navigation.Uri.Should().EndWith("/pipeline");
        dialogs.FindAll(".mud-dialog").Should().BeEmpty();
    }
}
