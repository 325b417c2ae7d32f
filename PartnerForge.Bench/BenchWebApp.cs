using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Bench;

/// <summary>The real web app (its Program, all middleware) on a free loopback port, over its own SQLite file with the demo workspace.</summary>
internal sealed class BenchWebApp(string dataDirectory) : WebApplicationFactory<PartnerForge.Web.Components.App>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(dataDirectory);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataDirectory", dataDirectory);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("DataProtection:KeysDirectory", Path.Combine(dataDirectory, "keys"));
        builder.UseSetting("ConnectionStrings:PostgreSQL", string.Empty);
    }

    public string Start()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    public AsyncServiceScope Scope(Guid tenant, Guid? user)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant, user, "bench");
        return scope;
    }

    public async Task<T> QueryAsync<T>(Func<PartnerForgeDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}
