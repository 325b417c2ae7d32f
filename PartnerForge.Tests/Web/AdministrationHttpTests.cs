using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Persistence.Seeding;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Web;

/// <summary>Suspension, deactivation and invitations through the real web app.</summary>
public sealed class AdministrationHttpTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    private const string CannotSignIn = "This account cannot sign in";

    [Fact]
    public async Task A_suspended_tenants_users_cannot_sign_in_their_sessions_end_and_its_api_keys_stop()
    {
        var session = await app.SignedInClientAsync("manager@globex.test");
        (await session.GetAsync("/accounts")).StatusCode.Should().Be(HttpStatusCode.OK);
        var globex = await app.QueryAsync(db => db.Tenants.SingleAsync(t => t.Slug == "globex"));
        string globexKey;
        await using (var scope = ActingAs(globex.Id))
        {
            globexKey = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("suspension test")).Value!.Key;
        }

        await using (var platform = ActingAs(await TenantOfAsync("platform@partnerforge.test"), await UserIdAsync("platform@partnerforge.test")))
        {
            await platform.ServiceProvider.GetRequiredService<PlatformAdministration>().SuspendAsync(globex.Id);
        }

        var refused = await PartnerForgeApp.SignInAsync(app.NewClient(), "admin@globex.test", DemoWorkspace.DefaultPassword);
        refused.StatusCode.Should().Be(HttpStatusCode.OK, "no sign-in cookie, the form again");
        (await refused.Content.ReadAsStringAsync()).Should().Contain(CannotSignIn);
        var ended = await session.GetAsync("/accounts");
        ended.StatusCode.Should().Be(HttpStatusCode.Redirect, "the open session ended with the suspension");
        ended.Headers.Location!.ToString().Should().Contain("/account/login");
        var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", globexKey);
        (await api.GetAsync("/api/v1/targets")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await using (var platform = ActingAs(await TenantOfAsync("platform@partnerforge.test"), await UserIdAsync("platform@partnerforge.test")))
        {
            await platform.ServiceProvider.GetRequiredService<PlatformAdministration>().ReactivateAsync(globex.Id);
        }

        (await PartnerForgeApp.SignInAsync(app.NewClient(), "admin@globex.test", DemoWorkspace.DefaultPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_open_session_at_the_next_request_and_refuses_sign_in()
    {
        var session = await app.SignedInClientAsync("rep@northwind.test");
        (await session.GetAsync("/accounts")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using (var admin = ActingAs(await TenantOfAsync("admin@northwind.test"), await UserIdAsync("admin@northwind.test")))
        {
            (await admin.ServiceProvider.GetRequiredService<TenantAdministration>().DeactivateAsync(await UserIdAsync("rep@northwind.test"))).Succeeded.Should().BeTrue();
        }

        var after = await session.GetAsync("/accounts");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().Should().Contain("/account/login");
        var again = await PartnerForgeApp.SignInAsync(app.NewClient(), "rep@northwind.test", DemoWorkspace.DefaultPassword);
        (await again.Content.ReadAsStringAsync()).Should().Contain(CannotSignIn);
    }

    [Fact]
    public async Task An_invited_person_sets_a_password_on_the_anonymous_accept_page_and_signs_in()
    {
        InvitationCreated invitation;
        await using (var admin = ActingAs(await TenantOfAsync("admin@globex.test"), await UserIdAsync("admin@globex.test")))
        {
            invitation = (await admin.ServiceProvider.GetRequiredService<TenantAdministration>().InviteAsync("invitee@globex.test", "Ivy Invitee", "Manager", new Uri("http://localhost/"))).Value!;
        }

        var client = app.NewClient();
        var url = $"/invite/{invitation.Token}";
        var page = await client.GetStringAsync(url);
        page.Should().Contain("Join Globex Retail Group").And.Contain("invitee@globex.test");

        var mismatch = await PostAcceptAsync(client, url, page, "Str0ng-password!", "different");
        (await mismatch.Content.ReadAsStringAsync()).Should().Contain("The two passwords differ.");

        page = await client.GetStringAsync(url);
        var accepted = await PostAcceptAsync(client, url, page, "Str0ng-password!", "Str0ng-password!");
        (await accepted.Content.ReadAsStringAsync()).Should().Contain("Your account is ready");

        (await client.GetStringAsync(url)).Should().Contain("Invitation not valid", "the link works once");
        var signedIn = await PartnerForgeApp.SignInAsync(app.NewClient(), "invitee@globex.test", "Str0ng-password!");
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_tenant_admin_downloads_their_invoice_as_csv_but_not_another_tenants()
    {
        var northwind = await app.QueryAsync(db => db.Invoices.IgnoreQueryFilters().Join(db.Tenants, i => i.TenantId, t => t.Id, (i, t) => new { i.Id, t.Slug }).ToListAsync());
        var own = northwind.Single(i => i.Slug == "northwind").Id;
        var other = northwind.Single(i => i.Slug == "globex").Id;
        var admin = await app.SignedInClientAsync("admin@northwind.test");

        var csv = await admin.GetAsync($"/admin/invoices/{own}.csv");
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var text = await csv.Content.ReadAsStringAsync();
        text.Should().StartWith("invoice,period_start").And.Contain("Growth plan").And.Contain(",Total,");
        (await admin.GetAsync($"/admin/invoices/{other}.csv")).StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await (await app.SignedInClientAsync("rep@northwind.test")).GetAsync($"/admin/invoices/{own}.csv")).StatusCode.Should().Be(HttpStatusCode.Redirect, "reps are not admins");
    }

    [Fact]
    public async Task Platform_pages_need_the_platform_admin_role()
    {
        var tenantAdmin = await app.SignedInClientAsync("admin@globex.test");
        var denied = await tenantAdmin.GetAsync("/admin/platform/tenants");
        denied.StatusCode.Should().Be(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().Should().Contain("access-denied");

        var platform = await app.SignedInClientAsync("platform@partnerforge.test");
        var page = await platform.GetStringAsync("/admin/platform/tenants");
        page.Should().Contain("Globex Retail Group").And.Contain("Northwind Analytics");
        (await platform.GetStringAsync("/admin/platform/system")).Should().Contain("Scheduler");
    }

    private static async Task<HttpResponseMessage> PostAcceptAsync(HttpClient client, string url, string page, string password, string confirm)
    {
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        token.Should().NotBeEmpty("the accept form carries an antiforgery token");
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "accept-invitation",
            ["__RequestVerificationToken"] = token,
            ["Input.Password"] = password,
            ["Input.Confirm"] = confirm,
        }));
    }

    private AsyncServiceScope ActingAs(Guid tenantId, Guid? userId = null)
    {
        var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId, userId, "test");
        return scope;
    }

    private Task<Guid> TenantOfAsync(string email) => app.QueryAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.TenantId).SingleAsync());

    private Task<Guid> UserIdAsync(string email) => app.QueryAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
