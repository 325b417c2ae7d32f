using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerForge.Infrastructure.Enrichment.Samples;

/// <summary>
/// Serves the fictional sample companies' websites, recorded SEC and job-board answers, and the hostile
/// cases, on a loopback port, routing by the Host header. Used by the tests, the bench and the offline
/// demo (the fetcher's sandbox mode connects every host name here). A host <c>b17.acme-outdoor.test</c>
/// serves the same site as <c>acme-outdoor.test</c>, so the bench can have thousands of distinct domains.
/// </summary>
public sealed partial class SampleSitesServer : IAsyncDisposable
{
    public const string FlakyRateLimitHost = "flaky-429.test";
    public const string RateLimitedHost = "slow-429.test";
    public const string RedirectChainHost = "redirect-chain.test";
    public const string RedirectPrivateHost = "redirect-private.test";
    public const string HugePageHost = "bloated-pages.test";
    public const string BotWallHost = "walled-garden.test";
    public const string ServerErrorHost = "server-error.test";
    public const string Windows1252Host = "kaffeehaus-berlin.test";

    private readonly WebApplication _app;
    private readonly string _root;
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SiteMeta?> _meta = new(StringComparer.OrdinalIgnoreCase);

    private SampleSitesServer(WebApplication app, string root)
    {
        _app = app;
        _root = root;
    }

    /// <summary>host:port of the loopback listener.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    public string Root => _root;

    public IReadOnlyDictionary<string, int> Hits => _hits;

    /// <summary>The folder holding <c>sites/</c> and <c>api/</c>: beside the app, or the source tree.</summary>
    public static string DefaultRoot()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "SampleSites");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "PartnerForge.Tests", "SampleSites");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The SampleSites folder was not found beside the app or in the source tree.");
    }

    public static async Task<SampleSitesServer> StartAsync(string? root = null, CancellationToken cancellationToken = default)
    {
        root ??= DefaultRoot();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "PartnerForge.SampleSites", EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SampleSitesServer(app, root);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException("no server");
        server.Endpoint = new Uri(address).Authority.Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        return server;
    }

    /// <summary>Technologies each sample site was built with (the labelled set for precision and recall).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Labels()
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var dir in Directory.GetDirectories(Path.Combine(_root, "sites")))
        {
            var meta = Meta(Path.GetFileName(dir));
            if (meta is not null)
            {
                result[Path.GetFileName(dir)] = meta.Technologies;
            }
        }

        return result;
    }

    public static IReadOnlyList<string> SiteHosts(string root) =>
        Directory.GetDirectories(Path.Combine(root, "sites")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>DNS records a sample site declares (MX, TXT), for the sandbox resolver.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> DnsFor(string root, string host)
    {
        var meta = ReadMeta(root, SiteName(host));
        return meta?.Dns.ToDictionary(p => p.Key.ToUpperInvariant(), p => (IReadOnlyList<string>)p.Value) ?? new Dictionary<string, IReadOnlyList<string>>();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var host = context.Request.Host.Host.ToLowerInvariant();
        var path = context.Request.Path.Value ?? "/";
        var key = $"{host}{path}";
        var hit = _hits.AddOrUpdate(key, 1, (_, n) => n + 1);
        var site = SiteName(host);
        switch (site)
        {
            case FlakyRateLimitHost:
                if (path == "/robots.txt")
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                if (hit % 2 == 1)
                {
                    context.Response.StatusCode = 429;
                    context.Response.Headers.RetryAfter = "1";
                    return;
                }

                await Html(context, "<html><head><title>Patience pays</title></head><body><h1>Served after waiting</h1></body></html>");
                return;
            case RateLimitedHost:
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "3600";
                return;
            case RedirectChainHost:
                await RedirectChainAsync(context, path);
                return;
            case RedirectPrivateHost:
                if (path == "/robots.txt")
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                context.Response.StatusCode = 302;
                context.Response.Headers.Location = path.StartsWith("/metadata", StringComparison.Ordinal)
                    ? "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
                    : path.StartsWith("/loopback", StringComparison.Ordinal) ? "http://127.0.0.1:1/" : "http://10.20.30.40/admin";
                return;
            case HugePageHost:
                await HugePageAsync(context, path);
                return;
            case BotWallHost:
                context.Response.StatusCode = 403;
                context.Response.Headers["cf-mitigated"] = "challenge";
                context.Response.Headers.Server = "cloudflare";
                await Html(context, "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><div id=\"cf-chl-widget\">Checking your browser before accessing the site.</div></body></html>");
                return;
            case ServerErrorHost:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("internal error");
                return;
        }

        var api = Path.Combine(_root, "api", host);
        if (Directory.Exists(api))
        {
            await ServeApiAsync(context, api, path);
            return;
        }

        var dir = Path.Combine(_root, "sites", site);
        if (!Directory.Exists(dir))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync($"No sample site for {host}.");
            return;
        }

        var file = path switch
        {
            "/" => "index.html",
            "/robots.txt" => "robots.txt",
            _ when path.EndsWith(".xml", StringComparison.Ordinal) => path.TrimStart('/'),
            _ => path.Trim('/') + ".html",
        };
        var full = Path.GetFullPath(Path.Combine(dir, file));
        if (!full.StartsWith(Path.GetFullPath(dir), StringComparison.Ordinal) || !File.Exists(full))
        {
            context.Response.StatusCode = 404;
            await Html(context, "<html><body><h1>Page not found</h1></body></html>");
            return;
        }

        var meta = Meta(site);
        foreach (var (name, value) in meta?.Headers ?? [])
        {
            context.Response.Headers[name] = value;
        }

        foreach (var (name, value) in meta?.Cookies ?? [])
        {
            context.Response.Headers.Append("Set-Cookie", $"{name}={value}; Path=/");
        }

        if (!context.Response.Headers.ContainsKey("content-type"))
        {
            context.Response.ContentType = file.EndsWith(".xml", StringComparison.Ordinal) ? "application/xml; charset=utf-8"
                : file.EndsWith(".txt", StringComparison.Ordinal) ? "text/plain; charset=utf-8" : "text/html; charset=utf-8";
        }

        await context.Response.SendFileAsync(full);
    }

    private static async Task ServeApiAsync(HttpContext context, string api, string path)
    {
        if (path == "/robots.txt")
        {
            context.Response.StatusCode = 404;
            return;
        }

        var relative = path.Trim('/');
        var candidates = new[] { relative, relative + ".json" };
        foreach (var candidate in candidates)
        {
            var full = Path.GetFullPath(Path.Combine(api, candidate));
            if (full.StartsWith(Path.GetFullPath(api), StringComparison.Ordinal) && File.Exists(full))
            {
                context.Response.ContentType = "application/json";
                await context.Response.SendFileAsync(full);
                return;
            }
        }

        context.Response.StatusCode = 404;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"error\":\"not found\"}");
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
            Redirect(context, n == 3 ? "https://redirect-chain.test/final" : $"/hop/{n + 1}");
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

    private SiteMeta? Meta(string site) => _meta.GetOrAdd(site, s => ReadMeta(_root, s));

    private static SiteMeta? ReadMeta(string root, string site)
    {
        var file = Path.Combine(root, "sites", site, "_site.json");
        return File.Exists(file) ? JsonSerializer.Deserialize<SiteMeta>(File.ReadAllText(file), JsonOptions) : null;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary><c>b17.acme-outdoor.test</c> → <c>acme-outdoor.test</c>.</summary>
    public static string SiteName(string host) => BenchPrefix().Replace(host.ToLowerInvariant(), string.Empty);

    [GeneratedRegex(@"^b\d+\.")]
    private static partial Regex BenchPrefix();

    [GeneratedRegex(@"^/(hop|loop)/(\d+)$")]
    private static partial Regex HopNumber();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class SiteMeta
    {
        public Dictionary<string, string> Headers { get; set; } = [];

        public Dictionary<string, string> Cookies { get; set; } = [];

        public Dictionary<string, List<string>> Dns { get; set; } = [];

        public List<string> Technologies { get; set; } = [];
    }
}
