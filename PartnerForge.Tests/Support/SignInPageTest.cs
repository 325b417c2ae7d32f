using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Web;
using PartnerForge.Web.Auth;

namespace PartnerForge.Tests.Support;

/// <summary>
/// A <see cref="DatabaseComponentTest"/> for the server-rendered sign-in pages: the host also has the Web project's
/// sign-in (<see cref="DependencyInjection.AddPartnerForgeSignIn"/>: Identity's cookies and sign-in manager), and
/// each render stands for one request, a <see cref="DefaultHttpContext"/> carrying the cookies earlier responses set,
/// as a browser would. What the HTTP pipeline adds (routing, form mapping, antiforgery) is covered by the HTTP and
/// browser tests.
/// </summary>
public abstract class SignInPageTest : DatabaseComponentTest
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly List<AsyncServiceScope> _requests = [];

    protected SignInPageTest(int freeFailuresPerClient = 10)
    {
        Throttle = new SignInThrottle(Options.Create(new SignInThrottleOptions { FreeFailuresPerClient = freeFailuresPerClient }), TimeProvider.System);
        Services.AddSingleton(Throttle);
    }

    protected SignInThrottle Throttle { get; }

    protected override bool SignedIn => false;

    /// <summary>The cookies this browser holds now.</summary>
    protected IReadOnlyCollection<string> CookieNames => _cookies.Keys;

    protected override void ConfigureServices(IServiceCollection services) => services.AddPartnerForgeSignIn();

    /// <summary>
    /// A request from this browser with its cookies and its own services scope (the authentication handlers keep
    /// their request, as in the app); the user is who the sign-in cookie names, as the authentication middleware
    /// would set it.
    /// </summary>
    protected async Task<DefaultHttpContext> RequestAsync(string method, string ip = "192.0.2.10")
    {
        var scope = Host.Scope(null);
        _requests.Add(scope);
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = method;
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("forge.example.com");
        http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        if (_cookies.Count > 0)
        {
            http.Request.Headers.Cookie = string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));
        }

        Scoped.GetRequiredService<IHttpContextAccessor>().HttpContext = http;
        Scoped.GetRequiredService<SignInManager<ApplicationUser>>().Context = http;
        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (signedIn.Succeeded)
        {
            http.User = signedIn.Principal;
        }

        return http;
    }

    protected override async Task CleanupAsync()
    {
        foreach (var scope in _requests)
        {
            await scope.DisposeAsync();
        }

        await base.CleanupAsync();
    }

    /// <summary>Keeps the cookies the response set and drops the ones it deleted, as the browser would.</summary>
    protected void KeepCookies(HttpContext http)
    {
        foreach (var cookie in SetCookieHeaderValue.ParseList(http.Response.Headers.SetCookie.OfType<string>().ToList()))
        {
            var name = cookie.Name.Value!;
            if (cookie.Expires is { } expires && expires < DateTimeOffset.UtcNow || string.IsNullOrEmpty(cookie.Value.Value))
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = cookie.Value.Value!;
            }
        }
    }
}
