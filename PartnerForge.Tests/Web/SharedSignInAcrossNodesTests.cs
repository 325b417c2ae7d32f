using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>Two nodes on one PostgreSQL database, each with its own data folder: a sign-in cookie issued by one is read by the other.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedSignInAcrossNodesTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_cookie_issued_by_node_A_signs_the_user_in_on_node_B()
    {
        var database = await postgres.CreateDatabaseAsync("pf_sharedkeys");
        await using var nodeA = new PartnerForgeApp();
        await using var nodeB = new PartnerForgeApp();
        nodeA.Settings["ConnectionStrings:PostgreSQL"] = database;
        nodeB.Settings["ConnectionStrings:PostgreSQL"] = database;

        var cookies = new System.Net.CookieContainer();
        using var onA = nodeA.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var onB = nodeB.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var stranger = nodeB.CreateDefaultClient();

        (await PartnerForgeApp.SignInAsync(onA, "rep@northwind.test", DemoWorkspace.DefaultPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var page = await onB.GetAsync("/accounts");
        page.StatusCode.Should().Be(HttpStatusCode.OK, "node B reads node A's cookie with the keys both find in the database");
        (await page.Content.ReadAsStringAsync()).Should().Contain("Accounts");

        using var anonymous = await stranger.GetAsync("/accounts");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect, "without the cookie node B asks to sign in");
    }
}

/// <summary>Two nodes on one PostgreSQL database count one API key's requests against one limit.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiRateLimitAcrossNodesTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_key_limited_to_four_requests_gets_four_across_two_nodes_then_429_on_both()
    {
        var database = await postgres.CreateDatabaseAsync("pf_apilimit");
        await using var nodeA = new PartnerForgeApp();
        await using var nodeB = new PartnerForgeApp();
        foreach (var node in new[] { nodeA, nodeB })
        {
            node.Settings["ConnectionStrings:PostgreSQL"] = database;
            node.Settings["Api:PermitLimit"] = "4";
            node.Settings["Api:WindowSeconds"] = "3600";
        }

        using var onA = nodeA.NewClient();
        using var onB = nodeB.NewClient();
        foreach (var client in new[] { onA, onB })
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PartnerForge.Infrastructure.Administration.AdministrationStartup.DemoApiKey);
        }

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await (i % 2 == 0 ? onA : onB).GetAsync("/api/v1/targets");
            answers.Add(response.StatusCode);
        }

        answers.Should().Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            "each node alone would have let six through; together they count four");
    }
}

/// <summary>
/// Two nodes (Kestrel on loopback) on one PostgreSQL database: a user an admin deactivates through node A loses node B
/// at once — B's open hub connection is closed (the "sessions ended" event crosses nodes), a new one is refused, and
/// B's pages ask to sign in again.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DeactivationAcrossNodesTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_user_deactivated_through_node_A_is_disconnected_and_refused_on_node_B()
    {
        var database = await postgres.CreateDatabaseAsync("pf_deactivate");
        await using var nodeA = new PartnerForgeApp();
        await using var nodeB = new PartnerForgeApp();
        nodeA.Settings["ConnectionStrings:PostgreSQL"] = database;
        nodeB.Settings["ConnectionStrings:PostgreSQL"] = database;
        var urls = await Task.WhenAll(Task.Run(nodeA.StartKestrel), Task.Run(nodeB.StartKestrel));
        var urlB = urls[1];

        var cookies = new CookieContainer();
        using (var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(urlB) })
        {
            (await PartnerForgeApp.SignInAsync(client, "rep@northwind.test", DemoWorkspace.DefaultPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        await using var hub = new HubConnectionBuilder().WithUrl(urlB + "/hubs/events", o => o.Cookies = cookies).Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();

        var (tenant, admin, rep) = await nodeA.QueryAsync(async db =>
        {
            var users = await db.Users.IgnoreQueryFilters().Where(u => u.Email == "admin@northwind.test" || u.Email == "rep@northwind.test").ToListAsync();
            return (users[0].TenantId, users.Single(u => u.Email == "admin@northwind.test").Id, users.Single(u => u.Email == "rep@northwind.test").Id);
        });
        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant, admin, "test");
            (await scope.ServiceProvider.GetRequiredService<TenantAdministration>().DeactivateAsync(rep)).Succeeded.Should().BeTrue();
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(3));
        hub.State.Should().Be(HubConnectionState.Disconnected, "node B closed the connection when node A's event arrived");
        await using var again = new HubConnectionBuilder().WithUrl(urlB + "/hubs/events", o => o.Cookies = cookies).Build();
        (await again.Invoking(h => h.StartAsync()).Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var pages = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(urlB) };
        var page = await pages.GetAsync("/accounts");
        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().Should().Contain("/account/login", "node B asks the deactivated user to sign in");
    }
}
