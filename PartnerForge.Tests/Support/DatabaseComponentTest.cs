using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Tests.Support;

/// <summary>
/// A component test over the real Infrastructure services on a temporary SQLite file with the demo workspace,
/// acting as one signed-in demo user: components resolve their services from a DI scope of that tenant and
/// receive the user's authentication state.
/// </summary>
public abstract class DatabaseComponentTest : ComponentTest
{
    private AsyncServiceScope _scope;

    internal InfrastructureHost Host { get; private set; } = null!;

    protected Guid TenantId { get; private set; }

    protected Guid UserId { get; private set; }

    /// <summary>The demo user the test acts as.</summary>
    protected virtual string UserEmail => "rep@northwind.test";

    /// <summary>
    /// False for the pages used before signing in (sign-in, password reset, invitations): the services act with no
    /// tenant and nobody is authenticated; <see cref="UserEmail"/> still names the demo user the test is about.
    /// </summary>
    protected virtual bool SignedIn => true;

    /// <summary>Configuration the host starts with on top of its defaults (e.g. SMTP for the password reset pages).</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Services the host gets on top of Infrastructure's (e.g. the Web project's sign-in for the sign-in pages).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The services of the signed-in user's scope (the same instances the components get).</summary>
    protected IServiceProvider Scoped => _scope.ServiceProvider;

    public override async Task InitializeAsync()
    {
        Host = await InfrastructureHost.StartAsync(settings: Settings, services: ConfigureServices);
        var user = await Host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == UserEmail));
        (TenantId, UserId) = (user.TenantId, user.Id);
        _scope = SignedIn ? Host.Scope(TenantId, UserId) : Host.Scope(null);
        Services.AddFallbackServiceProvider(_scope.ServiceProvider);
        if (!SignedIn)
        {
            AddAuthorization();
            return;
        }

        var roles = await Host.AsSystemAsync(db => db.UserRoles.IgnoreQueryFilters().Where(r => r.UserId == user.Id)
            .Join(db.Roles.IgnoreQueryFilters(), r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync());
        var auth = AddAuthorization();
        auth.SetAuthorized(user.DisplayName);
        auth.SetRoles([.. roles]);
        auth.SetClaims(
            new Claim(PartnerForgeClaims.TenantId, TenantId.ToString()),
            new Claim(PartnerForgeClaims.TimeZone, "Europe/London"));
    }

    protected async Task<T> QueryAsync<T>(Func<PartnerForgeDbContext, Task<T>> query)
    {
        await using var db = await Scoped.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    protected override async Task CleanupAsync()
    {
        await _scope.DisposeAsync();
        await Host.DisposeAsync();
    }
}
