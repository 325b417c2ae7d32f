using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>
/// The live-events hub over real HTTP and WebSockets on loopback: a user an admin deactivates is disconnected at once
/// and cannot connect again; another user of the tenant stays connected.
/// </summary>
public sealed class EventsHubSessionTests : IAsyncLifetime
{
    private readonly PartnerForgeApp _app = new();
    private string _baseUrl = string.Empty;

    public Task InitializeAsync()
    {
        _baseUrl = _app.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_deactivated_users_hub_connection_is_closed_at_once_and_cannot_reconnect()
    {
        var (repCookies, rep) = await SignedInAsync("rep@northwind.test");
        var (managerCookies, _) = await SignedInAsync("manager@northwind.test");
        await using var repHub = Connect(repCookies);
        await using var managerHub = Connect(managerCookies);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        repHub.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        await repHub.StartAsync();
        await managerHub.StartAsync();

        var (tenant, admin) = await _app.QueryAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "admin@northwind.test");
            return (user.TenantId, user.Id);
        });
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant, admin, "test");
            (await scope.ServiceProvider.GetRequiredService<TenantAdministration>().DeactivateAsync(rep)).Succeeded.Should().BeTrue();
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        repHub.State.Should().Be(HubConnectionState.Disconnected);
        managerHub.State.Should().Be(HubConnectionState.Connected, "only the deactivated user's connections end");

        await using var again = Connect(repCookies);
        var reconnect = async () => await again.StartAsync();
        (await reconnect.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private HubConnection Connect(CookieContainer cookies) => new HubConnectionBuilder()
        .WithUrl(_baseUrl + "/hubs/events", o => o.Cookies = cookies)
        .Build();

    private async Task<(CookieContainer Cookies, Guid UserId)> SignedInAsync(string email)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(_baseUrl) };
        var response = await PartnerForgeApp.SignInAsync(client, email, PartnerForge.Infrastructure.Persistence.Seeding.DemoWorkspace.DefaultPassword);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "{0} signs in", email);
        var id = await _app.QueryAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (cookies, id);
    }
}
