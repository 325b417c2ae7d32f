using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerForge.Infrastructure.Demo;

/// <summary>
/// The offline demo's sample-site server: the fictional sample companies' websites and the recorded SEC and
/// job-board answers (folder <c>Demo/SampleSites</c>, copied beside the app), on a loopback port, routing by the
/// Host header. Started only in the Demo and Development environments (the fetcher's sandbox mode connects every
/// host name here, and loopback fetches are allowed to this port only). A host <c>b17.acme-outdoor.test</c> serves
/// the same site as <c>acme-outdoor.test</c>, so the bench can have thousands of distinct domains. Tests add their
/// own hosts (hostile cases) through the <c>intercept</c> handler of <see cref="StartAsync"/>.
/// </summary>
public sealed partial class SampleSitesServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _root;
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SiteMeta?> _meta = new(StringComparer.OrdinalIgnoreCase);

    private readonly Func<HttpContext, int, Task<bool>>? _intercept;

    private SampleSitesServer(WebApplication app, string root, Func<HttpContext, int, Task<bool>>? intercept)
    {
        _app = app;
        _root = root;
        _intercept = intercept;
    }

    /// <summary>host:port of the loopback listener.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    public string Root => _root;

    public IReadOnlyDictionary<string, int> Hits => _hits;

    /// <summary>The folder holding <c>sites/</c> and <c>api/</c>: beside the app, or the source tree.</summary>
    public static string DefaultRoot()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Demo", "SampleSites");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "PartnerForge.Infrastructure", "Demo", "SampleSites");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The Demo/SampleSites folder was not found beside the app or in the source tree.");
    }

    /// <summary>
    /// Starts the server on a free loopback port. <paramref name="intercept"/>, when given, sees every request first
    /// with its hit number for that host and path, and returns true when it answered it.
    /// </summary>
    public static async Task<SampleSitesServer> StartAsync(string? root = null, Func<HttpContext, int, Task<bool>>? intercept = null,
        CancellationToken cancellationToken = default)
    {
        root ??= DefaultRoot();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "PartnerForge.SampleSites", EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SampleSitesServer(app, root, intercept);
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
        if (_intercept is not null && await _intercept(context, hit))
        {
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
