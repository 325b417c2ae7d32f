using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Account;

namespace PartnerForge.Tests.Web.Components.Account;

/// <summary>
/// The "choose a new password" page opened from a reset link (its user and token in the query), with the real
/// PasswordReset service and Identity over SQLite. The form's post is driven as the component's submit.
/// </summary>
public sealed class ResetPasswordTests : DatabaseComponentTest
{
    protected override bool SignedIn => false;

    [Fact]
    public void A_link_without_its_user_or_token_is_called_incomplete_and_offers_a_new_link_instead_of_the_form()
    {
        Open("/account/reset-password?user=" + UserId.ToString("N"));

        var cut = Render<ResetPassword>();

        cut.Find("[data-testid=reset-error]").TextContent.Should().Be("This page opens from the link in a password reset e-mail, and this link is incomplete. Ask for a new one.");
        cut.Find("a[href='/account/forgot-password']").TextContent.Should().Be("Ask for a new link");
        cut.FindAll("form").Should().BeEmpty();
    }

    [Fact]
    public async Task The_form_labels_both_fields_carries_the_link_and_refuses_short_or_different_passwords_in_words()
    {
        Open(await LinkAsync());

        var cut = Render<ResetPassword>();

        cut.Find("label[for=password]").TextContent.Should().Be("New password");
        cut.Find("label[for=confirm]").TextContent.Should().Be("New password again");
        cut.Find("input[name='Input.User']").GetAttribute("value").Should().Be(UserId.ToString("N"));
        cut.Find("input[name='Input.Token']").GetAttribute("value").Should().NotBeNullOrEmpty();
        cut.FindAll("[data-testid=reset-error]").Should().BeEmpty();

        cut.Find("#password").Change("short");
        cut.Find("#confirm").Change("short");
        cut.Find("form").Submit();
        cut.FindAll(".pf-signin-error").Select(m => m.TextContent).Should().Equal("Use at least 10 characters.");

        cut.Find("#password").Change("A-new-password-2026");
        cut.Find("#confirm").Change("A-new-password-2027");
        cut.Find("form").Submit();
        cut.FindAll(".pf-signin-error").Select(m => m.TextContent).Should().Equal("The two passwords are not the same.");
        (await PasswordIsAsync(DemoWorkspace.DefaultPassword)).Should().BeTrue("nothing was changed");
    }

    [Fact]
    public async Task A_password_the_rules_refuse_is_explained_under_the_field_and_the_fields_are_cleared()
    {
        Open(await LinkAsync());
        var cut = Render<ResetPassword>();

        cut.Find("#password").Change("only-lower-case");
        cut.Find("#confirm").Change("only-lower-case");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=password-error]").TextContent.Should().Contain("digit").And.Contain("uppercase"));
        cut.Find("#password").GetAttribute("value").Should().BeEmpty();
        cut.Find("#confirm").GetAttribute("value").Should().BeEmpty();
        cut.FindAll("[data-testid=reset-error]").Should().BeEmpty("the link is still good");
        (await PasswordIsAsync(DemoWorkspace.DefaultPassword)).Should().BeTrue();
    }

    [Fact]
    public async Task A_good_password_is_set_and_the_page_goes_to_sign_in_and_the_same_link_then_counts_as_used()
    {
        var link = await LinkAsync();
        Open(link);
        var cut = Render<ResetPassword>();

        cut.Find("#password").Change("A-new-password-2026");
        cut.Find("#confirm").Change("A-new-password-2026");
        cut.Find("form").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => navigation.Uri.Should().EndWith("/account/login?passwordReset=1"));
        (await PasswordIsAsync("A-new-password-2026")).Should().BeTrue();

        Open(link);
        var again = Render<ResetPassword>();
        again.Find("#password").Change("Another-password-2026");
        again.Find("#confirm").Change("Another-password-2026");
        again.Find("form").Submit();

        again.WaitForAssertion(() => again.Find("[data-testid=reset-error]").TextContent.Should().Be("This reset link has expired or was already used. Ask for a new one."));
        again.FindAll("form").Should().BeEmpty();
        (await PasswordIsAsync("A-new-password-2026")).Should().BeTrue("a used link changes nothing");
    }

    private void Open(string relative) => Services.GetRequiredService<NavigationManager>().NavigateTo(relative);

    /// <summary>The link of a reset e-mail: the user's id and Identity's reset token, base64url-encoded as PasswordReset writes them.</summary>
    private async Task<string> LinkAsync()
    {
        var users = Scoped.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(UserEmail))!;
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        return $"/{PasswordReset.ResetPath}?user={UserId:N}&token={token}";
    }

    private async Task<bool> PasswordIsAsync(string password)
    {
        await using var scope = Host.Scope(null);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(UserEmail))!, password);
    }
}
