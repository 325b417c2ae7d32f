using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Crm;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure;
using PartnerForge.Infrastructure.Crm;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Infrastructure.Crm;

namespace PartnerForge.Bench.Crm;

/// <summary>
/// The product's infrastructure (SQLite file, Quartz) pointed at the tests' <see cref="HubSpotFake"/> on loopback, a
/// workspace with an admin and one user per CRM owner, connected through the real OAuth redirect as the tests do. The
/// connector is wrapped so the time spent in CRM calls (fetch) is known apart from the rest of the run.
/// </summary>
internal sealed class CrmWorkspace(IHost host, HubSpotFake fake, Guid tenantId, Guid adminId) : IAsyncDisposable
{
    public const string Callback = "https://forge.example.com/admin/crm/callback";
    public const string OwnerDomain = "bench-crm.example";

    public HubSpotFake Fake => fake;

    public static async Task<CrmWorkspace> StartAsync(string folder, HubSpotFake fake, int owners)
    {
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Production", ApplicationName = "PartnerForge.Bench", ContentRootPath = folder, DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = folder,
            ["Demo:Seed"] = "false",
            ["Crm:HubSpot:AuthorizeUrl"] = fake.BaseUrl + "/oauth/authorize",
            ["Crm:HubSpot:TokenUrl"] = fake.BaseUrl + "/oauth/v1/token",
            ["Crm:HubSpot:ApiBaseUrl"] = fake.BaseUrl,
            ["Crm:HubSpot:ClientId"] = HubSpotFake.ClientId,
            ["Crm:HubSpot:ClientSecret"] = HubSpotFake.ClientSecret,
            ["Crm:PublicBaseUrl"] = "https://forge.example.com/",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPartnerForgeInfrastructure(builder.Configuration, builder.Environment);
        builder.Services.RemoveAll<ICrmConnector>();
        builder.Services.AddTransient<ICrmConnector>(sp => TimedConnector.Wrap(sp.GetRequiredService<HubSpotConnector>()));
        var host = builder.Build();
        await host.StartAsync();
        await using var scope = host.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var tenant = new Tenant("Bench CRM", "bench-crm", now);
        var admin = new User(tenant.Id, "admin@" + OwnerDomain, "Bench Admin", now);
        db.Tenants.Add(tenant);
        db.Users.Add(admin);
        db.Users.AddRange(Enumerable.Range(0, owners).Select(o => new User(tenant.Id, $"owner{o}@{OwnerDomain}", $"Owner {o}", now)));
        await db.SaveChangesAsync();
        return new CrmWorkspace(host, fake, tenant.Id, admin.Id);
    }

    public AsyncServiceScope Scope()
    {
        var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, adminId, "bench");
        return scope;
    }

    /// <summary>The admin's browser goes to HubSpot's consent page and back with a code; the connection's id.</summary>
    public async Task<Guid> ConnectAsync()
    {
        await using var scope = Scope();
        var oauth = scope.ServiceProvider.GetRequiredService<CrmOAuth>();
        var begun = oauth.Begin(CrmProvider.HubSpot, Callback);
        Check(begun.Succeeded, begun.Describe());
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(begun.Value!.Url);
        var query = QueryHelpers.ParseQuery(consent.Headers.Location?.Query);
        var done = await oauth.CompleteAsync(query["state"], query["code"]);
        Check(done.Succeeded, done.Describe());
        return done.Value;
    }

    /// <summary>"Sync now" through the product's job, waited for; the run as the sync log shows it, and the seconds in CRM calls.</summary>
    public async Task<(SyncRunRow Run, double FetchSeconds)> SyncAsync(Guid connection, SyncRunKind kind)
    {
        var fetchBefore = TimedConnector.Seconds;
        Guid runId;
        await using (var scope = Scope())
        {
            var started = await scope.ServiceProvider.GetRequiredService<CrmSyncService>().StartSyncAsync(connection, kind);
            Check(started.Succeeded, started.Describe());
            runId = started.Value;
        }

        var clock = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(1000); // the run's own start and end times are measured; polling only has to notice the end
            await using var scope = Scope();
            var row = (await scope.ServiceProvider.GetRequiredService<CrmSyncService>().RunsAsync(connection, 5)).Single(r => r.Id == runId);
            if (row.State is SyncRunState.Succeeded or SyncRunState.PartlyFailed or SyncRunState.Failed)
            {
                return (row, TimedConnector.Seconds - fetchBefore);
            }

            Check(clock.Elapsed < TimeSpan.FromMinutes(30), "the sync did not finish within 30 minutes");
        }
    }

    public async Task<T> QueryAsync<T>(Func<PartnerForgeDbContext, Task<T>> query)
    {
        await using var scope = Scope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private static void Check(bool ok, string why)
    {
        if (!ok)
        {
            throw new InvalidOperationException("The CRM bench failed: " + why);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

/// <summary>Adds up the wall time of every connector call (the run calls the CRM one call at a time).</summary>
public class TimedConnector : DispatchProxy
{
    private static long ticks;

    private ICrmConnector? inner;

    public static double Seconds => TimeSpan.FromTicks(Interlocked.Read(ref ticks)).TotalSeconds;

    public static ICrmConnector Wrap(ICrmConnector inner)
    {
        var proxy = Create<ICrmConnector, TimedConnector>();
        ((TimedConnector)(object)proxy).inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var started = Stopwatch.GetTimestamp();
        var result = targetMethod!.Invoke(inner, args);
        if (result is Task task)
        {
            task.ContinueWith(_ => Interlocked.Add(ref ticks, Stopwatch.GetElapsedTime(started).Ticks), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return result;
    }
}
