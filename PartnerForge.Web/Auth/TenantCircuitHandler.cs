using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Web.Auth;

/// <summary>
/// A Blazor circuit has its own DI scope, apart from the HTTP request that opened it. Before each inbound
/// activity (circuit start, events, JS calls) this sets the circuit's <see cref="TenantContext"/> from the
/// circuit's authentication state, so DbContexts created in components filter by the signed-in tenant.
/// </summary>
internal sealed class TenantCircuitHandler(AuthenticationStateProvider authentication, TenantContext tenant, IHttpContextAccessor http) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            // The circuit's connection request, when there is one, says where the user is (for the audit log).
            tenant.SetFromPrincipal(state.User, http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "web");
            await next(context);
        };
}
