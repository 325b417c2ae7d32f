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
