using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Changes.Email;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Changes;

/// <summary>Digests composed in the user's time zone and received by a real SMTP server (aiosmtpd), exactly once.</summary>
public sealed class DigestEmailTests : IAsyncLifetime
{
    private readonly SmtpServer _smtp = new();
    private InfrastructureHost _host = null!;
    private Guid _tenant;
    private Guid _rep;
    private Guid _manager;
    private DigestPeriod _period = null!;

    public async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        _host = await StartHostAsync(null);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone);
        await _host.AsSystemAsync(async db =>
        {
            var users = await db.Users.IgnoreQueryFilters().ToListAsync();
            var rep = users.Single(u => u.Email == "rep@northwind.test");
            _rep = rep.Id;
            _tenant = rep.TenantId;
            _manager = users.Single(u => u.Email == "manager@northwind.test").Id;
            return 0;
        });

        // The rep (America/New_York) wants a daily digest at the current New York hour: it is due now.
        var preference = new AlertPreference(_rep) { Digest = DigestFrequency.Daily, DigestHour = local.Hour };
        _period = AlertSchedule.DuePeriod(preference, local, zone)!;
        await using var scope = _host.Scope(_tenant);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        db.AlertPreferences.Add(preference);
        var company = await db.Companies.FirstAsync(c => c.Name == "Acme Outdoor Supply");
        void AddAlert(Guid user, string value, DateTime at)
        {
            var change = new ChangeEvent(company.Id, Guid.NewGuid(), null, new DetectedChange("M07", "trigger.funding[x]", ChangeKind.Added, null, value, 85, "funding-round", null), at);
            db.ChangeEvents.Add(change);
            db.Alerts.Add(new Alert(user, Guid.NewGuid(), change, company.Name, at));
        }

        AddAlert(_rep, "Raises $30M Series B", _period.FromUtc.AddHours(2));
        AddAlert(_rep, "Opens Denver office", _period.ToUtc.AddMinutes(-5));
        AddAlert(_rep, "Old news before the period", _period.FromUtc.AddHours(-1));
        AddAlert(_manager, "The manager's alert", _period.FromUtc.AddHours(3));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<InfrastructureHost> StartHostAsync(string? dataDirectory)
    {
        var host = await InfrastructureHost.StartAsync(dataDirectory: dataDirectory);
        // The shared test host has no hook for extra settings; the options object is where configuration lands.
        var smtp = host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        smtp.Enabled = true;
        smtp.Host = "127.0.0.1";
        smtp.Port = _smtp.Port;
        smtp.From = "alerts@partnerforge.test";
        return host;
    }

    private static string Body(string raw)
    {
        // Decode the quoted-printable or base64 parts enough to read them.
        var decoded = new StringBuilder(raw);
        foreach (var part in raw.Split("\n\n").Skip(1))
        {
            try
            {
                decoded.Append(Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(part.Split('\n').TakeWhile(l => !l.StartsWith("--", StringComparison.Ordinal)).Select(l => l.Trim())))));
            }
            catch (FormatException)
            {
                // not base64
            }
        }

        return decoded.ToString().Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_daily_digest_reaches_the_smtp_server_with_the_users_alerts_in_their_time_zone()
    {
        await using (var scope = _host.Scope(_tenant))
        {
            (await scope.ServiceProvider.GetRequiredService<DigestService>().RunAsync()).Should().Be(1);
        }

        var messages = _smtp.Messages();
        messages.Should().ContainSingle();
        var body = Body(messages[0]);
        messages[0].Should().Contain("rep@northwind.test").And.Contain("multipart/alternative").And.Contain("text/html").And.Contain("text/plain");
        body.Should().Contain("Raises $30M Series B").And.Contain("Opens Denver office").And.Contain("America/New_York");
        body.Should().NotContain("Old news before the period").And.NotContain("The manager's alert");
        var nyTime = TimeZoneInfo.ConvertTimeFromUtc(_period.FromUtc.AddHours(2), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        body.Should().Contain(nyTime.ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture), "alert times are shown in the user's zone");
        _host.Services.GetRequiredService<PartnerForge.Infrastructure.Observability.MetricsSnapshot>().Read().AlertsDeliveredByChannel
            .Should().BeEquivalentTo(new Dictionary<string, long> { ["digest"] = 2 }, "the digest delivered the rep's two alerts");
    }

    [Fact]
    public async Task A_restart_between_compose_and_send_neither_loses_nor_duplicates_the_digest()
    {
        await using (var scope = _host.Scope(_tenant))
        {
            (await scope.ServiceProvider.GetRequiredService<DigestService>().ComposeDueAsync()).Should().Be(1);
        }

        // "Crash": the process goes away after composing, before sending.
        var dataDirectory = _host.DataDirectory;
        await _host.DisposeAsync();
        _smtp.Messages().Should().BeEmpty();

        _host = await StartHostAsync(dataDirectory);
        for (var run = 0; run < 3; run++)
        {
            await using var scope = _host.Scope(_tenant);
            await scope.ServiceProvider.GetRequiredService<DigestService>().RunAsync();
        }

        _smtp.Messages().Should().ContainSingle();
        var digest = await _host.AsSystemAsync(db => db.AlertDigests.IgnoreQueryFilters().SingleAsync());
        digest.SentAtUtc.Should().NotBeNull();
        digest.PeriodKey.Should().Be(_period.Key);
        digest.AlertCount.Should().Be(2);
    }

    [Fact]
    public async Task With_the_smtp_server_down_the_digest_waits_and_is_sent_once_when_it_is_back()
    {
        await _smtp.StopAsync();
        for (var run = 0; run < 2; run++)
        {
            await using var scope = _host.Scope(_tenant);
            var attempt = () => scope.ServiceProvider.GetRequiredService<DigestService>().RunAsync();
            await attempt.Should().NotThrowAsync("a refused connection is logged and retried on the next run, not a crash");
        }

        var waiting = await _host.AsSystemAsync(db => db.AlertDigests.IgnoreQueryFilters().SingleAsync());
        waiting.SentAtUtc.Should().BeNull("nothing reached a server");

        await _smtp.RestartAsync();
        for (var run = 0; run < 3; run++)
        {
            await using var scope = _host.Scope(_tenant);
            await scope.ServiceProvider.GetRequiredService<DigestService>().RunAsync();
        }

        _smtp.Messages().Should().ContainSingle("the digest is sent once it can be, and only once");
        (await _host.AsSystemAsync(db => db.AlertDigests.IgnoreQueryFilters().SingleAsync())).SentAtUtc.Should().NotBeNull();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_crash_mid_send_leaves_the_digest_in_doubt_and_the_restart_sends_it_again_with_the_same_message_id(bool serverAcceptedBeforeTheCrash)
    {
        await using (var scope = _host.Scope(_tenant))
        {
            var digests = new DigestService(scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>(),
                scope.ServiceProvider.GetRequiredService<PartnerForge.Domain.Tenancy.ICurrentTenant>(),
                new CrashingSender(scope.ServiceProvider.GetRequiredService<IEmailSender>(), serverAcceptedBeforeTheCrash), TimeProvider.System,
                scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DigestService>>());
            (await digests.ComposeDueAsync()).Should().Be(1);
            var crash = () => digests.SendPendingAsync();
            await crash.Should().ThrowAsync<OperationCanceledException>("the process dies inside the SMTP conversation");
        }

        var inDoubt = await _host.AsSystemAsync(db => db.AlertDigests.IgnoreQueryFilters().SingleAsync());
        inDoubt.InDoubt.Should().BeTrue("the send began (committed) and never finished");
        inDoubt.MessageId.Should().NotBeNullOrEmpty();
        _smtp.Messages().Should().HaveCount(serverAcceptedBeforeTheCrash ? 1 : 0);

        var dataDirectory = _host.DataDirectory;
        await _host.DisposeAsync();
        _host = await StartHostAsync(dataDirectory);
        for (var run = 0; run < 3; run++)
        {
            await using var scope = _host.Scope(_tenant);
            await scope.ServiceProvider.GetRequiredService<DigestService>().RunAsync();
        }

        var digest = await _host.AsSystemAsync(db => db.AlertDigests.IgnoreQueryFilters().SingleAsync());
        digest.SentAtUtc.Should().NotBeNull();
        digest.InDoubtResends.Should().Be(1);
        digest.MessageId.Should().Be(inDoubt.MessageId, "the Message-ID recorded before the first send is reused");
        var messages = _smtp.Messages();
        // Residual risk (README): had the server accepted it before the crash, it now holds two copies, with one Message-ID.
        messages.Should().HaveCount(serverAcceptedBeforeTheCrash ? 2 : 1);
        messages.Should().OnlyContain(m => m.Contains($"<{inDoubt.MessageId}@partnerforge>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Quiet_hours_hold_immediate_mail_and_the_digest_until_the_quiet_period_ends()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        // 23:00 on a winter evening in New York; quiet from 22:00 to 06:00; the digest is due at 23:00, inside them.
        var evening = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Unspecified), zone);
        var clock = new ManualClock(evening);
        await _host.AsSystemAsync(async db =>
        {
            var preference = await db.AlertPreferences.IgnoreQueryFilters().SingleAsync(p => p.UserId == _rep);
            new AlertPreferenceInput(true, true, DigestFrequency.Daily, 23, DayOfWeek.Monday, 22, 6).ApplyTo(preference);
            await db.Alerts.IgnoreQueryFilters().ExecuteDeleteAsync();
            var company = await db.Companies.IgnoreQueryFilters().FirstAsync(c => c.TenantId == _tenant);
            var change = new ChangeEvent(company.Id, Guid.NewGuid(), null, new DetectedChange("M09", "executive[Jane Roe]", ChangeKind.Removed, "CFO", null, 85, "executive-left", null), evening.AddMinutes(-30));
            change.StampTenant(_tenant);
            db.ChangeEvents.Add(change);
            var alert = new Alert(_rep, Guid.NewGuid(), change, company.Name, evening.AddMinutes(-30));
            alert.StampTenant(_tenant);
            db.Alerts.Add(alert);
            return await db.SaveChangesAsync();
        });

        async Task<int> RunAtAsync(DateTime utc)
        {
            clock.UtcNow = utc;
            await using var scope = _host.Scope(_tenant);
            var digests = new DigestService(scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>(),
                scope.ServiceProvider.GetRequiredService<PartnerForge.Domain.Tenancy.ICurrentTenant>(), scope.ServiceProvider.GetRequiredService<IEmailSender>(), clock,
                scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DigestService>>());
            return await digests.RunAsync() + await digests.SendImmediateAsync();
        }

        await RunAtAsync(evening);
        await RunAtAsync(evening.AddHours(3));
        await RunAtAsync(evening.AddHours(6).AddMinutes(59)); // 05:59 local
        _smtp.Messages().Should().BeEmpty("it is quiet from 22:00 to 06:00 in New York");
        (await _host.AsSystemAsync(db => db.AlertDigests.IgnoreQueryFilters().CountAsync())).Should().Be(1, "the digest was composed at its hour, and held");

        await RunAtAsync(evening.AddHours(7)); // 06:00 local: quiet is over
        await RunAtAsync(evening.AddHours(7.5));
        var messages = _smtp.Messages();
        messages.Should().HaveCount(2, "one immediate alert e-mail and one digest, each once");
        messages.Should().ContainSingle(m => m.Contains("PartnerForge alert", StringComparison.Ordinal));
        messages.Should().ContainSingle(m => m.Contains("daily digest", StringComparison.Ordinal));
    }

    /// <summary>Stands in for a process that dies inside the SMTP conversation: before or after the server's "250 accepted".</summary>
    private sealed class CrashingSender(IEmailSender inner, bool afterAccept) : IEmailSender
    {
        public async Task SendAsync(string to, string subject, string html, string text, string messageId, CancellationToken cancellationToken)
        {
            if (afterAccept)
            {
                await inner.SendAsync(to, subject, html, text, messageId, cancellationToken);
            }

            throw new OperationCanceledException("process stopped");
        }
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; set; } = utcNow;

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(UtcNow, DateTimeKind.Utc));
}

/// <summary>Immediate alert e-mail through the real SMTP server, held during quiet hours, sent once.</summary>
public sealed class ImmediateAlertEmailTests : IAsyncLifetime
{
    private readonly SmtpServer _smtp = new();
    private InfrastructureHost _host = null!;
    private Guid _tenant;
    private Guid _rep;

    public async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        _host = await InfrastructureHost.StartAsync();
        var smtp = _host.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        smtp.Enabled = true;
        smtp.Host = "127.0.0.1";
        smtp.Port = _smtp.Port;
        (_tenant, _rep) = await _host.AsSystemAsync(async db =>
        {
            var rep = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test");
            return (rep.TenantId, rep.Id);
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task An_alert_is_mailed_once_and_not_during_quiet_hours()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var hour = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone).Hour;
        await using (var scope = _host.Scope(_tenant))
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            db.AlertPreferences.Add(new AlertPreference(_rep) { EmailImmediately = true, QuietFromHour = hour, QuietToHour = (hour + 1) % 24 });
            var company = await db.Companies.FirstAsync();
            var change = new ChangeEvent(company.Id, Guid.NewGuid(), null, new DetectedChange("M09", "executive[Jane Roe]", ChangeKind.Removed, "CFO", null, 85, "executive-left", null), DateTime.UtcNow);
            db.ChangeEvents.Add(change);
            db.Alerts.Add(new Alert(_rep, Guid.NewGuid(), change, company.Name, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        await using (var scope = _host.Scope(_tenant))
        {
            (await scope.ServiceProvider.GetRequiredService<DigestService>().SendImmediateAsync()).Should().Be(0, "it is the rep's quiet hour in New York");
        }

        _smtp.Messages().Should().BeEmpty();
        await _host.AsSystemAsync(async db =>
        {
            var preference = await db.AlertPreferences.IgnoreQueryFilters().SingleAsync();
            preference.QuietFromHour = null;
            preference.QuietToHour = null;
            return await db.SaveChangesAsync();
        });
        for (var run = 0; run < 2; run++)
        {
            await using var scope = _host.Scope(_tenant);
            await scope.ServiceProvider.GetRequiredService<DigestService>().SendImmediateAsync();
        }

        _smtp.Messages().Should().ContainSingle().Which.Should().Contain("rep@northwind.test").And.Contain("PartnerForge alert");
    }
}
