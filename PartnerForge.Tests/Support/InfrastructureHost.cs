using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerForge.Infrastructure;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Tests.Support;

/// <summary>
/// The real Infrastructure services (DbContext, interceptors, Identity stores, initializer) over a real
/// database: a SQLite file in a temp folder, or a PostgreSQL connection string.
/// </summary>
internal sealed class InfrastructureHost : IAsyncDisposable
{
    private readonly IHost _host;

    private InfrastructureHost(IHost host, string dataDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<InfrastructureHost> StartAsync(bool seedDemo = true, string? postgres = null, string? dataDirectory = null, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        dataDirectory ??= TestEnvironment.NewDirectory("infra");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ApplicationName = "PartnerForge.Tests",
            ContentRootPath = dataDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = dataDirectory,
            ["Demo:Seed"] = seedDemo ? "true" : "false",
            ["ConnectionStrings:PostgreSQL"] = postgres ?? string.Empty,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPartnerForgeInfrastructure(builder.Configuration, builder.Environment);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new InfrastructureHost(host, dataDirectory);
    }

    /// <summary>A DI scope acting as <paramref name="tenantId"/> (null: no tenant, as before sign-in).</summary>
    public AsyncServiceScope Scope(Guid? tenantId, Guid? userId = null)
    {
        var scope = Services.CreateAsyncScope();
        if (tenantId is { } id)
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(id, userId, "test");
        }

        return scope;
    }

    /// <summary>A context with no current tenant, for arranging and checking rows (use IgnoreQueryFilters).</summary>
    public async Task<T> AsSystemAsync<T>(Func<PartnerForgeDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await work(db);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
