using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
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
