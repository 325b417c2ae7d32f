using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Account;

namespace PartnerForge.Tests.Web.Components.Account;

/// <summary>
/// Accepting an invitation, before signing in: an invitation a workspace admin made (through TenantAdministration)
/// opens a form naming the workspace, the person and the role; the passwords are checked; the account is created
/// once. The form's post is driven as the component's submit.
/// </summary>
public sealed class AcceptInvitationTests : DatabaseComponentTest
{
    protected override string UserEmail => "admin@northwind.test";

    protected override bool SignedIn => false;

    [Fact]
    public void An_unknown_link_says_the_invitation_is_not_valid_and_offers_no_form()
    {
        var cut = Render<AcceptInvitation>(p => p.Add(c => c.Token, "not-a-real-token"));

        cut.Find("h1").TextContent.Should().Be("Invitation not valid");
        cut.Find("[data-testid=invite-error]").TextContent.Should().Be("This invitation link has been used, withdrawn or has expired. Ask your admin for a new one.");
        cut.FindAll("form").Should().BeEmpty();
    }

    [Fact]
    public async Task An_invited_workspace_admin_reads_the_role_in_plain_words()
    {
        var token = await InviteAsync("ada@northwind.test", "Ada Admin", Roles.TenantAdmin);

        var cut = Render<AcceptInvitation>(p => p.Add(c => c.Token, token));

        cut.WaitForAssertion(() => cut.Find(".pf-signin-lead").TextContent.Should().EndWith("(you join as Workspace admin)."));
    }

    [Fact]
    public async Task The_invitation_names_the_workspace_person_and_role_and_refuses_short_or_different_passwords()
    {
        var token = await InviteAsync("bea@northwind.test", "Bea Browser", Roles.Manager);

        var cut = Render<AcceptInvitation>(p => p.Add(c => c.Token, token));

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().Be("Join Northwind Analytics"));
        cut.Find(".pf-signin-lead").TextContent.Should().Be("Hi Bea Browser, choose a password for bea@northwind.test (you join as Manager).");
        cut.Find("label[for=password]").TextContent.Should().Be("Password");
        cut.Find("label[for=confirm]").TextContent.Should().Be("Repeat the password");

        cut.Find("form").Submit();
        cut.FindAll(".pf-signin-error").Select(m => m.TextContent).Should().Equal("Choose a password.", "Repeat the password.");

        cut.Find("#password").Change("Bea-password-2026");
        cut.Find("#confirm").Change("Bea-password-2027");
        cut.Find("form").Submit();
        cut.FindAll(".pf-signin-error").Select(m => m.TextContent).Should().Equal("The two passwords differ.");
        (await AccountExistsAsync("bea@northwind.test")).Should().BeFalse();
    }

    [Fact]
    public async Task A_password_the_rules_refuse_is_explained_and_a_good_one_creates_the_account_once()
    {
        var token = await InviteAsync("bea@northwind.test", "Bea Browser", Roles.Rep);
        var cut = Render<AcceptInvitation>(p => p.Add(c => c.Token, token));
        cut.WaitForAssertion(() => cut.Find("#password"));

        cut.Find("#password").Change("only-lower-case");
        cut.Find("#confirm").Change("only-lower-case");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=invite-error]").Select(e => e.TextContent).Should().Contain(e => e.Contains("digit")).And.Contain(e => e.Contains("uppercase")));
        cut.Find("h1").TextContent.Should().Be("Join Northwind Analytics", "the invitation still stands");
        (await AccountExistsAsync("bea@northwind.test")).Should().BeFalse();

        cut.Find("#password").Change("Bea-password-2026");
        cut.Find("#confirm").Change("Bea-password-2026");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().Be("You're in"));
        cut.Find("[data-testid=invite-accepted]").TextContent.Should().Be("Your account is ready. Sign in with your e-mail and the password you chose.");
        cut.Find("a[href='/account/login']").TextContent.Trim().Should().Be("Sign in");
        (await AccountExistsAsync("bea@northwind.test")).Should().BeTrue();
        await using (var scope = Host.Scope(null))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var bea = (await users.FindByEmailAsync("bea@northwind.test"))!;
            (await users.CheckPasswordAsync(bea, "Bea-password-2026")).Should().BeTrue();
            (await users.GetRolesAsync(bea)).Should().Equal(Roles.Rep);
        }

        var reopened = Render<AcceptInvitation>(p => p.Add(c => c.Token, token));
        reopened.WaitForAssertion(() => reopened.Find("h1").TextContent.Should().Be("Invitation not valid"));
    }

    /// <summary>An invitation made by the workspace admin, as the admin page does; returns the link's token.</summary>
    private async Task<string> InviteAsync(string email, string name, string role)
    {
        await using var scope = Host.Scope(TenantId, UserId);
        var result = await scope.ServiceProvider.GetRequiredService<TenantAdministration>().InviteAsync(email, name, role, new Uri("https://forge.example.com/"));
        result.Succeeded.Should().BeTrue(result.Message);
        return result.Value!.Token;
    }

    private Task<bool> AccountExistsAsync(string email) =>
        Host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == email));
}
