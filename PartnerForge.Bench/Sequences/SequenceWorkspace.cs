using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure;
using PartnerForge.Infrastructure.Outreach;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Bench.Sequences;

/// <summary>A clock the bench moves by hand; the dispatcher, enrolment and merge values read it as the time.</summary>
internal sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}

/// <summary>One enrolled person as the bench made them: their address and their zone (the check uses these, not the database).</summary>
internal sealed record BenchPerson(string Email, TimeZoneInfo Zone);

/// <summary>
/// The product's infrastructure over a fresh SQLite file with the bench's clock and SMTP server, and a workspace to send
/// from: one mailbox (a user with a sequence) per <see cref="PerOwner"/> people, contacts spread over <see cref="Zones"/>,
/// everyone enrolled through <see cref="EnrolmentService"/>.
/// </summary>
internal sealed class SequenceWorkspace(IHost host, BenchClock clock, Guid tenantId) : IAsyncDisposable
{
    public const int PerOwner = 1000;

    /// <summary>A dozen zones from UTC−10 to UTC+13; most change to or from daylight-saving time during March.</summary>
    public static readonly string[] Zones =
    [
        "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Chicago", "America/New_York", "America/Sao_Paulo",
        "Europe/London", "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
    ];

    private static readonly string[] FirstNames = ["Ada", "Ben", "Chie", "Dana", "Emeka", "Freya", "Goran", "Hana", "Ines", "Jonas", "Kofi", "Lena"];

    public BenchClock Clock => clock;

    public Guid TenantId => tenantId;

    public IServiceProvider Services => host.Services;

    public List<BenchPerson> People { get; } = [];

    public static async Task<SequenceWorkspace> StartAsync(string folder, int smtpPort, DateTimeOffset start)
    {
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Production",
            ApplicationName = "PartnerForge.Bench",
            ContentRootPath = folder,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = folder,
            ["Demo:Seed"] = "false",
            // The bench runs the dispatcher itself, as the job would; the scheduled job stays out of the way.
            ["Outreach:DispatchIntervalSeconds"] = "3600",
            ["Smtp:Enabled"] = "true",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:PublicBaseUrl"] = "https://forge.example.com/",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPartnerForgeInfrastructure(builder.Configuration, builder.Environment);
        var clock = new BenchClock(start);
        builder.Services.AddSingleton<TimeProvider>(clock);
        var host = builder.Build();
        await host.StartAsync();
        await using var scope = host.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var tenant = new Tenant("Bench Outreach", "bench-outreach", start.UtcDateTime);
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return new SequenceWorkspace(host, clock, tenant.Id);
    }

    public AsyncServiceScope Scope(Guid? user = null)
    {
        var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, user, "bench");
        return scope;
    }

    /// <summary>Owners, accounts and contacts, written in chunks; returns the owners with the contacts each one writes to.</summary>
    public async Task<List<(Guid Owner, List<Guid> Contacts)>> SeedAsync(int size)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var owners = Enumerable.Range(0, (size + PerOwner - 1) / PerOwner)
            .Select(o => new User(tenantId, $"rep{o}@sales.bench.example", $"Rep {o:000} Sender", now)).ToList();
        var companies = Enumerable.Range(0, Math.Max(1, size / 20))
            .Select(c => new Company($"Company {c:00000} Ltd", DomainName.Parse($"company-{c}.bench.example"), now)).ToList();
        await AddAsync(owners);
        await AddAsync(companies);
        var plan = owners.Select(o => (o.Id, new List<Guid>())).ToList();
        var contacts = new List<Contact>(size);
        for (var i = 0; i < size; i++)
        {
            var zone = Zones[i % Zones.Length];
            var email = $"person{i}@{companies[i % companies.Count].Domain}";
            var name = $"{FirstNames[i % FirstNames.Length]} Person{i.ToString(CultureInfo.InvariantCulture)}";
            var contact = new Contact(companies[i % companies.Count].Id,
                new ContactProfile(name, "Head of Operations", email, null, zone, null, LawfulBasis.LegitimateInterest, null), owners[i % owners.Count].Id, now);
            contacts.Add(contact);
            plan[i % owners.Count].Item2.Add(contact.Id);
            People.Add(new BenchPerson(email, TimeZoneInfo.FindSystemTimeZoneById(zone)));
        }

        foreach (var chunk in contacts.Chunk(5000))
        {
            await AddAsync(chunk);
        }

        return plan;
    }

    /// <summary>The workspace's rules, a two-e-mail sequence per owner and everyone enrolled, all through the product's services.</summary>
    public async Task EnrolAsync(List<(Guid Owner, List<Guid> Contacts)> plan, int dailyCap, string holidays)
    {
        await using (var scope = Scope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<OutreachSettingsService>().SaveAsync(dailyCap, holidays);
            Check(saved.Succeeded, saved.Describe());
        }

        foreach (var (owner, contacts) in plan)
        {
            await using var scope = Scope(owner);
            var created = await scope.ServiceProvider.GetRequiredService<SequenceService>().CreateAsync(new SequenceInput("Spring outreach",
                new TimeOnly(8, 0), new TimeOnly(17, 0),
                [
                    new StepInput(StepKind.Email, Subject: "Step 1: a question for {{account_name}}",
                        Body: "Hello {{first_name}},\n\nTeams like {{account_name}} on {{technology | your stack}} cut their onboarding time in half: https://example.com/case-study\n\nWould a short call next week help?\n\n{{sender_name}}"),
                    new StepInput(StepKind.Wait, WaitDays: 2),
                    new StepInput(StepKind.Email, Subject: "Step 2: following up, {{first_name | there}}",
                        Body: "Hello again {{first_name}},\n\nIn case my last note got buried: https://example.com/case-study\n\n{{sender_name}}"),
                ]), owner);
            Check(created.Succeeded, created.Describe());
            foreach (var chunk in contacts.Chunk(EnrolmentService.MaxPerRequest))
            {
                var enrolled = await scope.ServiceProvider.GetRequiredService<EnrolmentService>().EnrolAsync(created.Value, chunk, owner);
                Check(enrolled.Succeeded && enrolled.Value!.Enrolled == chunk.Length, enrolled.Describe());
            }
        }
    }

    public async Task<T> QueryAsync<T>(Func<PartnerForgeDbContext, Task<T>> query)
    {
        await using var scope = Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private async Task AddAsync<T>(IEnumerable<T> rows)
        where T : class
    {
        await using var scope = Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Set<T>().AddRange(rows);
        await db.SaveChangesAsync();
    }

    private static void Check(bool ok, string why)
    {
        if (!ok)
        {
            throw new InvalidOperationException("Setting up the bench workspace failed: " + why);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
