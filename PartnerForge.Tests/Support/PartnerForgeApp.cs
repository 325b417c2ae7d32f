using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Tests.Support;

/// <summary>
/// The real PartnerForge web app (Program.cs, all middleware) on its own SQLite file with the demo workspace.
/// <see cref="StartKestrel"/> puts it on a real loopback port for the browser tests.
/// </summary>
public class PartnerForgeApp : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = TestEnvironment.NewDirectory("web");

    /// <summary>Extra settings for this app (e.g. SMTP), applied when it starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("DataProtection:KeysDirectory", Path.Combine(DataDirectory, "keys"));
        builder.UseSetting("ConnectionStrings:PostgreSQL", string.Empty);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Serves on a free loopback port; returns the base URL.</summary>
    public string StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<T> QueryAsync<T>(Func<PartnerForgeDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Posts the sign-in form as a browser would (antiforgery token included); returns the response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var url = "/account/login" + (returnUrl is null ? string.Empty : $"?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var page = await client.GetStringAsync(url);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        token.Should().NotBeEmpty("the sign-in form carries an antiforgery token");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(url, form);
    }

    public async Task<HttpClient> SignedInClientAsync(string email, string password = PartnerForge.Infrastructure.Persistence.Seeding.DemoWorkspace.DefaultPassword)
    {
        var client = NewClient();
        var response = await SignInAsync(client, email, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "the demo user {0} signs in", email);
        return client;
    }
}
