using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Accounts;

namespace PartnerForge.Tests.Web.Components.Accounts;

/// <summary>The new-account form (AccountForm in its dialog) with the real validation and editor over SQLite.</summary>
public sealed class NewAccountDialogTests : DatabaseComponentTest
{
    [Fact]
    public async Task Errors_show_field_by_field_keep_what_was_typed_and_a_valid_account_is_created_normalized()
    {
        var before = await QueryAsync(db => db.Companies.CountAsync());
        var cut = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var dialog = await cut.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<NewAccountDialog>("New account"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=account-form]"));

        cut.Find("[data-testid=account-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("#name-error").TextContent.Should().Be("A name is required."));
        cut.Find("#domain-error").TextContent.Should().NotBeEmpty();
        cut.Find(".pf-alert-error").TextContent.Should().Contain("Please fix the highlighted fields.");
        cut.FindAll("#country-error").Should().BeEmpty();

        cut.Find("#name").Input("Fjord Gear");
        cut.Find("#domain").Input("acme-outdoor.test");
        cut.Find("#country").Input("Germany");
        cut.Find("#tags").Input("outdoor; nordic");
        cut.Find("[data-testid=account-form]").Submit();

        cut.WaitForAssertion(() => cut.Find("#domain-error").TextContent.Should().Be("acme-outdoor.test is already the domain of Acme Outdoor Supply."));
        cut.FindAll("#name-error").Should().BeEmpty();
        cut.Find("#name").GetAttribute("value").Should().Be("Fjord Gear", "nothing typed is lost when a save is refused");
        cut.Find("#country").GetAttribute("value").Should().Be("Germany");
        (await QueryAsync(db => db.Companies.CountAsync())).Should().Be(before);

        cut.Find("#domain").Input("https://www.Fjord-Gear.example/shop");
        cut.Find("[data-testid=account-form]").Submit();

        var result = await dialog.Result;
        result!.Canceled.Should().BeFalse();
        var created = await QueryAsync(db => db.Companies.SingleAsync(c => c.Name == "Fjord Gear"));
        result.Data.Should().Be(created.Id, "the dialog closes with the new account's id");
        created.Domain.Should().Be("fjord-gear.example");
        created.Country.Should().Be("DE");
        (await QueryAsync(db => db.CompanyTags.Where(t => t.CompanyId == created.Id).Select(t => t.Tag).ToListAsync()))
            .Should().BeEquivalentTo(["outdoor", "nordic"]);
    }
}
