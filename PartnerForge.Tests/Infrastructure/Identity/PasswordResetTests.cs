using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Identity;

/// <summary>Password reset by e-mail through MailKit to a real SMTP server (aiosmtpd), with Identity's reset token.</summary>
public sealed class PasswordResetTests : IAsyncLifetime
{
    private readonly SmtpServer _smtp = new();
    private InfrastructureHost _host = null!;

    public async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        _host = await InfrastructureHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Smtp:Enabled"] = "true",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "alerts@partnerforge.test",
            ["Smtp:PublicBaseUrl"] = "https://forge.example.com/",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_user_gets_a_link_at_the_public_address_that_sets_a_new_password_once()
    {
        PasswordResetRequested answer;
        await using (var scope = _host.Scope(null))
        {
            answer = await scope.ServiceProvider.GetRequiredService<PasswordReset>().RequestAsync("  Rep@Northwind.test ");
        }

        answer.Should().Be(PasswordResetRequested.LinkSentIfKnown);
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(_smtp.Messages().Should().ContainSingle().Subject)));
        message.To.Mailboxes.Single().Address.Should().Be("rep@northwind.test");
        message.Subject.Should().Be("Reset your PartnerForge password");
        var link = new Uri(Regex.Match(message.TextBody ?? string.Empty, @"https://\S+").Value);
        link.GetLeftPart(UriPartial.Path).Should().Be("https://forge.example.com/account/reset-password", "links use the configured public address, never a request's host");
        message.HtmlBody.Should().Contain("expires in 2 hours");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);

        await using (var scope = _host.Scope(null))
        {
            var reset = scope.ServiceProvider.GetRequiredService<PasswordReset>();
            var weak = await reset.ResetAsync(query["user"], query["token"], "short");
            weak.Succeeded.Should().BeFalse();
            weak.FieldMessages().Should().ContainKey("Password");

            (await reset.ResetAsync(query["user"], query["token"], "A-new-password-2026")).Succeeded.Should().BeTrue();
            var again = await reset.ResetAsync(query["user"], query["token"], "Another-password-2026");
            again.FieldMessages()["Link"].Should().Contain("expired or was already used", "the reset rotated the stamp the token was bound to");
            (await reset.ResetAsync(query["user"], "not-a-token", "Another-password-2026")).FieldMessages().Should().ContainKey("Link");
            (await reset.ResetAsync("not-a-guid", query["token"], "Another-password-2026")).FieldMessages().Should().ContainKey("Link");

            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var rep = (await users.FindByEmailAsync("rep@northwind.test"))!;
            (await users.CheckPasswordAsync(rep, "A-new-password-2026")).Should().BeTrue();
            (await users.CheckPasswordAsync(rep, PartnerForge.Infrastructure.Persistence.Seeding.DemoWorkspace.DefaultPassword)).Should().BeFalse();
        }
    }

    [Fact]
    public async Task Unknown_and_deactivated_addresses_get_the_same_answer_and_no_email()
    {
        await _host.AsSystemAsync(async db =>
        {
            var manager = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "manager@northwind.test");
            manager.Deactivate();
            await db.SaveChangesAsync();
            return true;
        });

        await using var scope = _host.Scope(null);
        var reset = scope.ServiceProvider.GetRequiredService<PasswordReset>();
        (await reset.RequestAsync("nobody@northwind.test")).Should().Be(PasswordResetRequested.LinkSentIfKnown);
        (await reset.RequestAsync("manager@northwind.test")).Should().Be(PasswordResetRequested.LinkSentIfKnown);
        (await reset.RequestAsync(string.Empty)).Should().Be(PasswordResetRequested.LinkSentIfKnown);
        _smtp.Messages().Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_public_address_reset_by_email_is_off()
    {
        await using var host = await InfrastructureHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Smtp:Enabled"] = "true",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
        });
        await using var scope = host.Scope(null);
        var reset = scope.ServiceProvider.GetRequiredService<PasswordReset>();
        reset.IsAvailable.Should().BeFalse();
        (await reset.RequestAsync("rep@northwind.test")).Should().Be(PasswordResetRequested.NotAvailable);
        _smtp.Messages().Should().BeEmpty();
    }
}
