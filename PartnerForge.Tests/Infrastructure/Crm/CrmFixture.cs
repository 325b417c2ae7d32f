using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Crm;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Crm;

/// <summary>A clock on real time that a test can move forward (timers and delays still run on real time).</summary>
internal sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

/// <summary>
/// The infrastructure on the demo workspace (SQLite file, Quartz) pointed at a <see cref="HubSpotFake"/> and a
/// <see cref="SalesforceFake"/> on loopback: connect as Northwind's admin through the real OAuth redirect, then sync
/// through the product's job.
/// </summary>
internal sealed class CrmFixture : IAsyncDisposable
{
    public const string Callback = "https://forge.example.com/admin/crm/callback";

    private CrmFixture(InfrastructureHost host, HubSpotFake fake, SalesforceFake salesforce, ShiftedTimeProvider clock, Guid tenant, Guid admin, Guid otherTenant, Guid otherAdmin)
    {
        Host = host;
        Fake = fake;
        Salesforce = salesforce;
        Clock = clock;
        Tenant = tenant;
        Admin = admin;
        OtherTenant = otherTenant;
        OtherAdmin = otherAdmin;
    }

    public InfrastructureHost Host { get; }

    /// <summary>The settings the host started with (a second node starts with the same).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; private init; } = new Dictionary<string, string?>();

    public HubSpotFake Fake { get; }

    public SalesforceFake Salesforce { get; }

    public ShiftedTimeProvider Clock { get; }

    public Guid Tenant { get; }

    public Guid Admin { get; }

    public Guid OtherTenant { get; }

    public Guid OtherAdmin { get; }

    public static async Task<CrmFixture> StartAsync(IDictionary<string, string?>? settings = null, string? postgres = null)
    {
        var fake = await HubSpotFake.StartAsync();
        var salesforce = await SalesforceFake.StartAsync();
        var clock = new ShiftedTimeProvider();
        var all = new Dictionary<string, string?>
        {
            ["Crm:HubSpot:AuthorizeUrl"] = fake.BaseUrl + "/oauth/authorize",
            ["Crm:HubSpot:TokenUrl"] = fake.BaseUrl + "/oauth/v1/token",
            ["Crm:HubSpot:ApiBaseUrl"] = fake.BaseUrl,
            ["Crm:HubSpot:ClientId"] = HubSpotFake.ClientId,
            ["Crm:HubSpot:ClientSecret"] = HubSpotFake.ClientSecret,
            ["Crm:HubSpot:RateLimitBackoff"] = "00:00:00.050",
            ["Crm:Salesforce:LoginUrl"] = salesforce.BaseUrl,
            ["Crm:Salesforce:ClientId"] = SalesforceFake.ClientId,
            ["Crm:Salesforce:ClientSecret"] = SalesforceFake.ClientSecret,
            ["Crm:Salesforce:RateLimitBackoff"] = "00:00:00.050",
            ["Crm:PublicBaseUrl"] = "https://forge.example.com/",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = await InfrastructureHost.StartAsync(postgres: postgres, settings: all, services: s => s.AddSingleton<TimeProvider>(clock));
        var (tenant, admin, other, otherAdmin) = await host.AsSystemAsync(async db =>
        {
            var a = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "admin@northwind.test");
            var b = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "admin@globex.test");
            return (a.TenantId, a.Id, b.TenantId, b.Id);
        });
        return new CrmFixture(host, fake, salesforce, clock, tenant, admin, other, otherAdmin) { Settings = all };
    }

    public async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> work, bool otherTenant = false)
    {
        await using var scope = otherTenant ? Host.Scope(OtherTenant, OtherAdmin) : Host.Scope(Tenant, Admin);
        return await work(scope.ServiceProvider);
    }

    public Task<T> DbAsync<T>(Func<PartnerForgeDbContext, Task<T>> work, bool otherTenant = false) =>
        AsAdminAsync(async s =>
        {
            await using var db = await s.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            return await work(db);
        }, otherTenant);

    /// <summary>The admin's browser goes to the CRM's consent page, approves, and comes back with a code; (authorize URL, callback query).</summary>
    public async Task<(Uri Authorize, Dictionary<string, string> Callback)> AuthoriseInBrowserAsync(bool otherTenant = false, CrmProvider provider = CrmProvider.HubSpot)
    {
        var begun = await AsAdminAsync(s => Task.FromResult(s.GetRequiredService<CrmOAuth>().Begin(provider, Callback)), otherTenant);
        begun.Succeeded.Should().BeTrue(begun.Describe());
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(begun.Value!.Url);
        ((int)consent.StatusCode).Should().Be(302, await consent.Content.ReadAsStringAsync());
        var back = consent.Headers.Location!;
        back.GetLeftPart(UriPartial.Path).Should().Be(Callback);
        var query = QueryHelpers.ParseQuery(back.Query).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        return (begun.Value.Url, query);
    }

    public async Task<Guid> ConnectAsync(bool otherTenant = false, CrmProvider provider = CrmProvider.HubSpot)
    {
        var (_, query) = await AuthoriseInBrowserAsync(otherTenant, provider);
        var done = await AsAdminAsync(s => s.GetRequiredService<CrmOAuth>().CompleteAsync(query["state"], query["code"]), otherTenant);
        done.Succeeded.Should().BeTrue(done.Describe());
        return done.Value;
    }

    /// <summary>"Sync now": queues the run, lets the product's job run it, and waits for its end.</summary>
    public async Task<SyncRunRow> SyncAsync(Guid connection, SyncRunKind kind = SyncRunKind.Incremental, bool otherTenant = false)
    {
        var started = await AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().StartSyncAsync(connection, kind), otherTenant);
        started.Succeeded.Should().BeTrue(started.Describe());
        return await FinishedAsync(connection, started.Value, otherTenant);
    }

    public async Task<SyncRunRow> FinishedAsync(Guid connection, Guid run, bool otherTenant = false)
    {
        SyncRunRow? row = null;
        await Eventually.TrueAsync(async () =>
        {
            var runs = await AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().RunsAsync(connection, 50), otherTenant);
            row = runs.SingleOrDefault(r => r.Id == run);
            return row is { State: SyncRunState.Succeeded or SyncRunState.PartlyFailed or SyncRunState.Failed };
        }, TimeSpan.FromSeconds(120), "The sync");
        return row!;
    }

    public Task<IReadOnlyList<SyncRecordRow>> RecordsAsync(Guid run, SyncOutcome? outcome = null) =>
        AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().RecordsAsync(run, outcome, 5000));

    public Task<Guid?> OurIdAsync(Guid connection, CrmObjectKind kind, string crmId) =>
        DbAsync(db => db.CrmLinks.Where(l => l.ConnectionId == connection && l.ObjectKind == kind && l.CrmId == crmId).Select(l => (Guid?)l.RecordId).SingleOrDefaultAsync());

    public static string Ms(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
        await Salesforce.DisposeAsync();
    }
}
