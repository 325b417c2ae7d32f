using System.Text;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Changes.Email;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Changes;

/// <summary>Every e-mail goes through MailKit to a real SMTP server (aiosmtpd); bad SMTP settings stop the start.</summary>
public sealed class MailKitEmailTests : IAsyncLifetime
{
    private static readonly Uri Base = new("http://127.0.0.1:5080/");
    private readonly SmtpServer _smtp = new();
    private InfrastructureHost _host = null!;

    public async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        _host = await InfrastructureHost.StartAsync(settings: Smtp(("Security", "None")));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private Dictionary<string, string?> Smtp(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Enabled"] = "true",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:From"] = "alerts@partnerforge.test",
        };
        foreach (var (key, value) in extra)
        {
            settings["Smtp:" + key] = value;
        }

        return settings;
    }

    private static string Normalize(string? text) => (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public async Task An_invitation_is_emailed_as_text_and_html_alternatives_with_the_one_time_link()
    {
        var (tenant, admin) = await _host.AsSystemAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "admin@northwind.test");
            return (user.TenantId, user.Id);
        });
        InvitationCreated created;
        await using (var scope = _host.Scope(tenant, admin))
        {
            created = (await scope.ServiceProvider.GetRequiredService<TenantAdministration>().InviteAsync("nina.new@northwind.test", "Nina New", Roles.Rep, Base)).Value!;
        }

        created.Delivered.Should().BeTrue("SMTP is enabled and the server accepted the message");
        var raw = _smtp.Messages().Should().ContainSingle().Subject;
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
        var link = TenantAdministration.InvitationLink(Base, created.Token).ToString();
        message.To.Mailboxes.Single().Address.Should().Be("nina.new@northwind.test");
        message.From.Mailboxes.Single().Address.Should().Be("alerts@partnerforge.test");
        message.Subject.Should().Be("You are invited to Northwind Analytics on PartnerForge");
        var alternative = message.Body.Should().BeOfType<MultipartAlternative>().Subject;
        alternative.Should().HaveCount(2);
        alternative[0].ContentType.MimeType.Should().Be("text/plain");
        alternative[1].ContentType.MimeType.Should().Be("text/html");
        message.TextBody.Should().Contain("Hello Nina New,").And.Contain(link);
        message.HtmlBody.Should().Contain($"<a href=\"{link}\">").And.Contain("<strong>Northwind Analytics</strong>");
    }

    [Fact]
    public async Task A_digest_arrives_with_both_parts_exactly_as_composed_and_a_stable_message_id()
    {
        var sender = _host.Services.GetRequiredService<IEmailSender>();
        const string text = "Hello Riley,\n\n- [85] Acme raises $30M Series B (4 Dec 2026 09:00 UTC)\n- [60] Hiring: 12 → 24 open roles\n";
        const string html = "<html><body><p>Hello Riley,</p><ul><li><strong>85</strong> Acme raises $30M Series B</li><li>Hiring: 12 → 24 open roles</li></ul></body></html>";

        await sender.SendAsync("rep@northwind.test", "PartnerForge daily digest: 2 alerts (4 Dec 2026)", html, text, "0f1e2d3c", CancellationToken.None);

        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(_smtp.Messages().Should().ContainSingle().Subject)));
        message.Body.Should().BeOfType<MultipartAlternative>();
        message.MessageId.Should().Be("0f1e2d3c@partnerforge");
        Normalize(message.TextBody).Should().Be(text);
        Normalize(message.HtmlBody).Should().Be(html);
    }

    [Fact]
    public async Task StartTls_required_refuses_a_server_that_offers_no_starttls_and_sends_nothing()
    {
        await using var strict = await InfrastructureHost.StartAsync(settings: Smtp(("Security", "StartTls")));
        var sender = strict.Services.GetRequiredService<IEmailSender>();

        var send = () => sender.SendAsync("rep@northwind.test", "s", "<p>h</p>", "t", "id1", CancellationToken.None);

        (await send.Should().ThrowAsync<NotSupportedException>()).Which.Message.Should().Contain("STARTTLS");
        _smtp.Messages().Should().BeEmpty();
    }

    [Fact]
    public async Task Smtp_enabled_without_a_host_stops_the_start_with_a_clear_message()
    {
        var start = () => InfrastructureHost.StartAsync(settings: new Dictionary<string, string?> { ["Smtp:Enabled"] = "true", ["Smtp:Security"] = "Sometimes" });

        var error = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Message.Should().Contain("Smtp:Host is required when Smtp:Enabled is true")
            .And.Contain("Smtp:Security 'Sometimes' is not one of None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.");
    }

    [Theory]
    [InlineData("465", "StartTls", null, null, "Smtp:Port 465 expects TLS from the first byte")]
    [InlineData("587", "None", "mailer", "secret-pass", "Smtp:Password would cross the network in clear text")]
    [InlineData("587", "StartTls", "mailer", null, "Smtp:UserName and Smtp:Password go together.")]
    [InlineData("587", "7", null, null, "Smtp:Security '7' is not one of")]
    public void Inconsistent_security_settings_are_refused(string port, string security, string? user, string? password, string expected)
    {
        var options = new SmtpOptions { Enabled = true, Host = "smtp.example.test", Port = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), Security = security, UserName = user, Password = password };

        var result = new DataAnnotationValidateOptions<SmtpOptions>(null).Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected);
    }

    [Fact]
    public void Sound_settings_pass_and_name_mailkits_socket_option()
    {
        var options = new SmtpOptions { Enabled = true, Host = "smtp.example.test", Port = 587, Security = "starttls", UserName = "mailer", Password = "secret-pass" };

        new DataAnnotationValidateOptions<SmtpOptions>(null).Validate(null, options).Succeeded.Should().BeTrue();
        options.SocketOptions.Should().Be(SecureSocketOptions.StartTls);
    }
}
