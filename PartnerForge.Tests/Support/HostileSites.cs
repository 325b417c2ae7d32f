using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PartnerForge.Infrastructure.Demo;

namespace PartnerForge.Tests.Support;

/// <summary>
/// The hostile hosts the fetcher and the modules are tested against (429 with Retry-After, redirect chain and loop,
/// redirect to a private or metadata address, a 20 MB page, a bot wall, a server error, a Windows-1252 page), served
/// by the test's <see cref="SampleSitesServer"/> ahead of the demo's sample sites. Test fixtures only: the product's
/// demo serves none of them.
/// </summary>
public static partial class HostileSites
{
    public const string FlakyRateLimitHost = "flaky-429.test";
    public const string RateLimitedHost = "slow-429.test";
    public const string RedirectChainHost = "redirect-chain.test";
    public const string RedirectPrivateHost = "redirect-private.test";
    public const string HugePageHost = "bloated-pages.test";
    public const string BotWallHost = "walled-garden.test";
    public const string ServerErrorHost = "server-error.test";
    public const string Windows1252Host = "kaffeehaus-berlin.test";

    /// <summary>Folder of the hostile hosts' static pages (the Windows-1252 site), copied beside the tests.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Support", "HostileSites");

    /// <summary>The intercept handler for <see cref="SampleSitesServer.StartAsync"/>: true when the host is a hostile one.</summary>
    public static async Task<bool> HandleAsync(HttpContext context, int hit)
    {
        var path = context.Request.Path.Value ?? "/";
        switch (SampleSitesServer.SiteName(context.Request.Host.Host))
        {
            case FlakyRateLimitHost:
                if (path == "/robots.txt")
                {
                    context.Response.StatusCode = 404;
                }
                else if (hit % 2 == 1)
                {
                    context.Response.StatusCode = 429;
                    context.Response.Headers.RetryAfter = "1";
                }
                else
                {
                    await Html(context, "<html><head><title>Patience pays</title></head><body><h1>Served after waiting</h1></body></html>");
                }

                return true;
            case RateLimitedHost:
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "3600";
                return true;
            case RedirectChainHost:
                await RedirectChainAsync(context, path);
                return true;
            case RedirectPrivateHost:
                if (path == "/robots.txt")
                {
                    context.Response.StatusCode = 404;
                    return true;
                }

                context.Response.StatusCode = 302;
                context.Response.Headers.Location = path.StartsWith("/metadata", StringComparison.Ordinal)
                    ? "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
                    : path.StartsWith("/loopback", StringComparison.Ordinal) ? "http://127.0.0.1:1/" : "http://10.20.30.40/admin";
                return true;
            case HugePageHost:
                await HugePageAsync(context, path);
                return true;
            case BotWallHost:
                context.Response.StatusCode = 403;
                context.Response.Headers["cf-mitigated"] = "challenge";
                context.Response.Headers.Server = "cloudflare";
                await Html(context, "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><div id=\"cf-chl-widget\">Checking your browser before accessing the site.</div></body></html>");
                return true;
            case ServerErrorHost:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("internal error");
                return true;
            case Windows1252Host:
                await Windows1252Async(context, path);
                return true;
            default:
                return false;
        }
    }

    private static async Task Windows1252Async(HttpContext context, string path)
    {
        var file = path switch { "/" => "index.html", "/robots.txt" => "robots.txt", _ => null };
        var full = file is null ? null : Path.Combine(Root, Windows1252Host, file);
        if (full is null || !File.Exists(full))
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = file == "robots.txt" ? "text/plain; charset=utf-8" : "text/html; charset=windows-1252";
        await context.Response.SendFileAsync(full);
    }

    private static async Task RedirectChainAsync(HttpContext context, string path)
    {
        if (path == "/robots.txt")
        {
            context.Response.StatusCode = 404;
            return;
        }

        var hop = HopNumber().Match(path);
        if (path == "/")
        {
            Redirect(context, "/hop/1");
        }
        else if (hop.Success && hop.Groups[1].Value == "hop" && int.Parse(hop.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) is var n && n < 4)
        {
            Redirect(context, n == 3 ? $"https://{RedirectChainHost}/final" : $"/hop/{n + 1}");
        }
        else if (hop.Success && hop.Groups[1].Value == "loop")
        {
            Redirect(context, $"/loop/{int.Parse(hop.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}");
        }
        else if (path == "/final")
        {
            await Html(context, "<html><head><title>Redirect Chain Ltd</title><meta property=\"og:title\" content=\"Redirect Chain Ltd\"></head><body><h1>You made it</h1></body></html>");
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    private static void Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = 301;
        context.Response.Headers.Location = location;
    }

    private static async Task HugePageAsync(HttpContext context, string path)
    {
        if (path != "/")
        {
            context.Response.StatusCode = 404;
            return;
        }

        const int total = 20 * 1024 * 1024;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = total;
        var head = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>Bloated Pages Inc</title><meta property=\"og:title\" content=\"Bloated Pages Inc\"></head><body>");
        await context.Response.Body.WriteAsync(head, context.RequestAborted);
        var filler = Encoding.UTF8.GetBytes(new string('x', 64 * 1024 - 1) + "\n");
        var written = head.Length;
        try
        {
            while (written + filler.Length <= total)
            {
                await context.Response.Body.WriteAsync(filler, context.RequestAborted);
                written += filler.Length;
            }

            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(new string(' ', total - written)), context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The fetcher stopped reading at its cap, as it should.
        }
    }

    private static Task Html(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html);
    }

    [GeneratedRegex(@"^/(hop|loop)/(\d+)$")]
    private static partial Regex HopNumber();
}
