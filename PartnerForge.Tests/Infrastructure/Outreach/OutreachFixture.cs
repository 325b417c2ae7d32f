using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Infrastructure.Outreach;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Outreach;

/// <summary>
/// An infrastructure host on the demo workspace with a real SMTP server (aiosmtpd) and a clock the test moves, for
/// outreach tests: contacts, sequences, enrolment and dispatch through the product's own services.
/// </summary>
internal sealed class OutreachFixture : IAsyncDisposable
{
    private OutreachFixture(InfrastructureHost host, SmtpServer smtp, ManualTimeProvider clock, Guid tenant, Guid rep, Guid company)
    {
        Host = host;
        Smtp = smtp;
        Clock = clock;
        Tenant = tenant;
        Rep = rep;
        Company = company;
    }

    public InfrastructureHost Host { get; }

    public SmtpServer Smtp { get; }

    /// <summary>Starts on Tuesday 1 December 2026, 09:00 UTC.</summary>
    public ManualTimeProvider Clock { get; }

    public Guid Tenant { get; }

    public Guid Rep { get; }

    public Guid Company { get; }

    public static async Task<OutreachFixture> StartAsync(string? postgres = null, IDictionary<string, string?>? settings = null)
    {
        var smtp = new SmtpServer();
        await smtp.InitializeAsync();
        var clock = new ManualTimeProvider();
        var all = new Dictionary<string, string?>
        {
            // The test runs the dispatcher itself; the scheduled job stays out of the way.
            ["Outreach:DispatchIntervalSeconds"] = "3600",
            ["Smtp:Enabled"] = "true",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:PublicBaseUrl"] = "https://forge.example.com/",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = await InfrastructureHost.StartAsync(postgres: postgres, settings: all, services: s => s.AddSingleton<TimeProvider>(clock));
        var (tenant, rep, company) = await host.AsSystemAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test");
            var account = await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == user.TenantId).OrderBy(c => c.Name).FirstAsync();
            return (user.TenantId, user.Id, account.Id);
        });
        return new OutreachFixture(host, smtp, clock, tenant, rep, company);
    }

    public async Task<T> AsRepAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Host.Scope(Tenant, Rep);
        return await work(scope.ServiceProvider);
    }

    public Task<Guid> ContactAsync(string name, string email, string? zone) =>
        AsRepAsync(async s => (await s.GetRequiredService<ContactService>().CreateAsync(Company,
            new ContactInput(name, "Head of Operations", email, null, zone, null, LawfulBasis.LegitimateInterest, null), Rep)).Value);

    public Task<Guid> SequenceAsync(string name, params StepInput[] steps) =>
        AsRepAsync(async s =>
        {
            var result = await s.GetRequiredService<SequenceService>().CreateAsync(new SequenceInput(name, new TimeOnly(8, 0), new TimeOnly(17, 0), steps), Rep);
            result.Succeeded.Should().BeTrue(result.Describe());
            return result.Value;
        });

    public Task<EnrolSummary> EnrolAsync(Guid sequence, params Guid[] contacts) =>
        AsRepAsync(async s =>
        {
            var result = await s.GetRequiredService<EnrolmentService>().EnrolAsync(sequence, contacts, Rep);
            result.Succeeded.Should().BeTrue(result.Describe());
            return result.Value!;
        });

    public Task<DispatchSummary> DispatchAsync() => AsRepAsync(s => s.GetRequiredService<SequenceDispatcher>().RunAsync());

    public Task<T> DbAsync<T>(Func<PartnerForgeDbContext, Task<T>> work) =>
        AsRepAsync(async s =>
        {
            await using var db = await s.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            return await work(db);
        });

    /// <summary>The messages the SMTP server holds, parsed.</summary>
    public IReadOnlyList<MimeMessage> Received() =>
        Smtp.Messages().Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)))).ToList();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
