using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
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
    private readonly ServiceProvider _services;

    private InfrastructureHost(ServiceProvider services, string dataDirectory)
    {
        _services = services;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => _services;

    public static async Task<InfrastructureHost> StartAsync(bool seedDemo = true, string? postgres = null, string? dataDirectory = null)
    {
        dataDirectory ??= TestEnvironment.NewDirectory("infra");
        var settings = new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = dataDirectory,
            ["Demo:Seed"] = seedDemo ? "true" : "false",
            ["ConnectionStrings:PostgreSQL"] = postgres ?? string.Empty,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(dataDirectory));
        services.AddPartnerForgeInfrastructure(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var host = new InfrastructureHost(provider, dataDirectory);
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return host;
    }

    /// <summary>A DI scope acting as <paramref name="tenantId"/> (null: no tenant, as before sign-in).</summary>
    public AsyncServiceScope Scope(Guid? tenantId)
    {
        var scope = _services.CreateAsyncScope();
        if (tenantId is { } id)
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(id);
        }

        return scope;
    }

    /// <summary>A context with no current tenant and filters off, for arranging and checking rows.</summary>
    public async Task<T> AsSystemAsync<T>(Func<PartnerForgeDbContext, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await work(db);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private sealed class TestHostEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "PartnerForge.Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
