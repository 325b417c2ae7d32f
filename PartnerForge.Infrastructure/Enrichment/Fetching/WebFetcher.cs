using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Enrichment;
using Polly;
using Polly.Retry;

namespace PartnerForge.Infrastructure.Enrichment.Fetching;

/// <summary>
/// The one HTTP fetcher for every web source: SSRF guard on the connected address, robots.txt (RFC 9309,
/// cached), per-host concurrency and rate limits, Retry-After, exponential back-off with jitter (Polly),
/// at most N redirects each re-checked, body size and time caps, charset detection, gzip/brotli/deflate,
/// and bot-wall recognition. It never throws for a remote problem: the result says what happened.
/// </summary>
public sealed class WebFetcher : IWebFetcher, IDisposable
{
    private readonly FetchOptions _options;
    private readonly SandboxRouting _sandbox;
    private readonly TimeProvider _time;
    private readonly ILogger<WebFetcher> _logger;
    private readonly Observability.PartnerForgeMetrics? _metrics;
    private readonly HttpClient _client;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly ConcurrentDictionary<string, HostGate> _gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (RobotsTxt Rules, DateTime ExpiresUtc)> _robots = new(StringComparer.OrdinalIgnoreCase);

    public WebFetcher(IOptions<FetchOptions> options, TimeProvider time, ILogger<WebFetcher> logger, SandboxRouting? sandbox = null,
        Observability.PartnerForgeMetrics? metrics = null)
    {
        _metrics = metrics;
        _options = options.Value;
        _sandbox = sandbox ?? new SandboxRouting();
        _time = time;
        _logger = logger;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = _options.ConnectTimeout,
            MaxConnectionsPerServer = Math.Max(_options.PerHostConcurrency, 2),
            ConnectCallback = (context, ct) => SsrfGuard.ConnectAsync(context, _options, SandboxEndpoint, ct),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, _options.Retries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(_options.Retries > 0 && ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private string? SandboxEndpoint => string.IsNullOrEmpty(_options.SandboxEndpoint) ? _sandbox.Endpoint : _options.SandboxEndpoint;

    public Task<FetchResult> GetAsync(string url, CancellationToken cancellationToken = default) => GetAsync(url, "web", cancellationToken);

    /// <summary>Every fetch ends here: counted by source and status (partnerforge.fetches).</summary>
    public async Task<FetchResult> GetAsync(string url, string source, CancellationToken cancellationToken)
    {
        var result = await FetchAsync(url, cancellationToken);
        _metrics?.Fetched(source, result.Status);
        return result;
    }

    private async Task<FetchResult> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var redirects = new List<string>();
        var current = url;
        for (var hop = 0; ; hop++)
        {
            if (!Uri.TryCreate(current, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return Result(url, current, FetchStatus.Refused, 0, redirects, $"Only http and https URLs are fetched ({current}).");
            }

            if (_options.RespectRobots && !await RobotsAllowAsync(uri, cancellationToken))
            {
                return Result(url, current, FetchStatus.RobotsDisallowed, 0, redirects, $"robots.txt of {uri.Host} disallows {uri.PathAndQuery}.");
            }

            HttpResponseMessage response;
            try
            {
                response = await SendAsync(uri, cancellationToken);
            }
            catch (Exception ex) when (FindSsrf(ex) is { } ssrf)
            {
                return Result(url, current, FetchStatus.Refused, 0, redirects, ssrf.Message);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Result(url, current, FetchStatus.Timeout, 0, redirects, $"{uri.Host} did not answer in time.");
            }
            catch (HttpRequestException ex)
            {
                return Result(url, current, FetchStatus.NetworkError, 0, redirects, ex.Message);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= _options.MaxRedirects)
                    {
                        return Result(url, current, FetchStatus.TooManyRedirects, status, redirects, $"More than {_options.MaxRedirects} redirects.");
                    }

                    redirects.Add(current);
                    current = new Uri(uri, location).ToString();
                    continue;
                }

                return await ReadAsync(url, current, uri, response, redirects, cancellationToken);
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(uri.Host, h => new HostGate(_options.PerHostConcurrency, RateFor(h), _time));
        return await _retry.ExecuteAsync(
            async ct =>
            {
                await gate.EnterAsync(ct);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, Wire(uri));
                    request.Headers.Host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
                    request.Headers.UserAgent.ParseAdd(_options.UserAgent);
                    request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/json,application/xml;q=0.9,*/*;q=0.8");
                    request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(_options.BodyTimeout);
                    return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                }
                finally
                {
                    gate.Exit();
                }
            },
            cancellationToken);
    }

    /// <summary>In sandbox mode the sample server speaks plain HTTP; the logical URL keeps its scheme.</summary>
    private Uri Wire(Uri uri) =>
        string.IsNullOrEmpty(SandboxEndpoint) || uri.Scheme == Uri.UriSchemeHttp || IPAddress.TryParse(uri.Host, out _)
            ? uri
            : new UriBuilder(uri) { Scheme = Uri.UriSchemeHttp, Port = 80 }.Uri;

    private async Task<FetchResult> ReadAsync(string requested, string current, Uri uri, HttpResponseMessage response, List<string> redirects, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var headers = response.Headers.Concat(response.Content.Headers)
            .SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v))).ToList();
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var setCookies)
            ? setCookies.Select(ParseCookie).Where(c => c.Key.Length > 0).ToList()
            : [];
        byte[] bytes;
        var tooLarge = false;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.BodyTimeout);
            if (response.Content.Headers.ContentLength is { } declared && declared > _options.MaxBodyBytes)
            {
                tooLarge = true;
            }

            (bytes, var capped) = await ReadCappedAsync(response.Content, _options.MaxBodyBytes, timeout.Token);
            tooLarge |= capped;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Result(requested, current, FetchStatus.Timeout, status, redirects, $"The body of {current} took longer than {_options.BodyTimeout.TotalSeconds:0} s.", headers, cookies);
        }
        catch (HttpRequestException ex)
        {
            return Result(requested, current, FetchStatus.NetworkError, status, redirects, ex.Message, headers, cookies);
        }

        var (text, charset) = CharsetDetector.Decode(bytes, response.Content.Headers.ContentType?.CharSet);
        var fetchStatus = Classify(response, status, text);
        if (tooLarge && fetchStatus == FetchStatus.Ok)
        {
            fetchStatus = FetchStatus.TooLarge;
        }

        var reason = fetchStatus switch
        {
            FetchStatus.Ok => null,
            FetchStatus.TooLarge => $"The page is larger than {_options.MaxBodyBytes / 1024 / 1024.0:0.#} MB; only the first part was read.",
            FetchStatus.Blocked => $"{uri.Host} answered with a bot wall (HTTP {status}).",
            FetchStatus.RateLimited => $"{uri.Host} is rate limiting (HTTP 429){RetryAfterText(response)}.",
            _ => $"HTTP {status} from {current}.",
        };
        return new FetchResult
        {
            RequestedUrl = requested,
            FinalUrl = current,
            Status = fetchStatus,
            HttpStatus = status,
            Body = text,
            ContentType = response.Content.Headers.ContentType?.MediaType,
            Charset = charset,
            Headers = headers,
            Cookies = cookies,
            Redirects = redirects,
            FetchedAtUtc = _time.GetUtcNow().UtcDateTime,
            Reason = reason,
        };
    }

    private static FetchStatus Classify(HttpResponseMessage response, int status, string body)
    {
        if (response.Headers.TryGetValues("cf-mitigated", out var mitigated) && mitigated.Any(v => v.Contains("challenge", StringComparison.OrdinalIgnoreCase)))
        {
            return FetchStatus.Blocked;
        }

        if (status is 403 or 503 or 429 && LooksLikeBotWall(body))
        {
            return FetchStatus.Blocked;
        }

        return status switch
        {
            >= 200 and < 300 => FetchStatus.Ok,
            404 or 410 => FetchStatus.NotFound,
            429 => FetchStatus.RateLimited,
            >= 400 and < 500 => FetchStatus.ClientError,
            _ => FetchStatus.ServerError,
        };
    }

    private static bool LooksLikeBotWall(string body) =>
        body.Contains("cf-chl", StringComparison.OrdinalIgnoreCase)
        || body.Contains("Just a moment...", StringComparison.Ordinal)
        || body.Contains("captcha-delivery.com", StringComparison.OrdinalIgnoreCase)
        || body.Contains("_Incapsula_Resource", StringComparison.Ordinal)
        || body.Contains("px-captcha", StringComparison.OrdinalIgnoreCase);

    private static async Task<(byte[] Bytes, bool Capped)> ReadCappedAsync(HttpContent content, long cap, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return (buffer.ToArray(), false);
            }

            var room = cap - buffer.Length;
            if (read > room)
            {
                buffer.Write(chunk, 0, (int)room);
                return (buffer.ToArray(), true);
            }

            buffer.Write(chunk, 0, read);
        }
    }

    private async Task<bool> RobotsAllowAsync(Uri uri, CancellationToken cancellationToken)
    {
        if (uri.AbsolutePath.Equals("/robots.txt", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var key = uri.GetLeftPart(UriPartial.Authority);
        var now = _time.GetUtcNow().UtcDateTime;
        if (!_robots.TryGetValue(key, out var cached) || cached.ExpiresUtc <= now)
        {
            RobotsTxt rules;
            try
            {
                using var response = await SendAsync(new Uri(key + "/robots.txt"), cancellationToken);
                var status = (int)response.StatusCode;
                rules = status switch
                {
                    >= 200 and < 300 => RobotsTxt.Parse(await ReadTextAsync(response, cancellationToken), _options.ProductToken),
                    >= 400 and < 500 => RobotsTxt.AllowEverything, // RFC 9309 §2.3.1.3: unavailable = allowed
                    _ => RobotsTxt.Unreachable, // §2.3.1.4: unreachable (5xx) = disallowed
                };
            }
            catch (Exception ex) when (FindSsrf(ex) is not null)
            {
                return true; // the page fetch itself will be refused with the reason
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                rules = RobotsTxt.Unreachable;
            }

            cached = (rules, now + _options.RobotsCacheDuration);
            _robots[key] = cached;
        }

        return cached.Rules.IsAllowed(uri.PathAndQuery);
    }

    private static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (bytes, _) = await ReadCappedAsync(response.Content, 512 * 1024, cancellationToken);
        return CharsetDetector.Decode(bytes, response.Content.Headers.ContentType?.CharSet).Text;
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } ex)
        {
            return FindSsrf(ex) is null && ex is HttpRequestException;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (response.Headers.Contains("cf-mitigated"))
        {
            return false;
        }

        if (status == 429 || status == 503)
        {
            var wait = RetryAfter(response);
            return wait is null || wait <= _options.MaxRetryAfter;
        }

        return status is 500 or 502 or 504;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        var delay = header.Delta ?? (header.Date is { } date ? date - _time.GetUtcNow() : null);
        return delay is { } d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
    }

    private static string RetryAfterText(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } d ? $", retry after {d.TotalSeconds:0} s" : string.Empty;

    private double RateFor(string host)
    {
        foreach (var (suffix, rate) in _options.HostRequestsPerSecond)
        {
            if (host.Equals(suffix, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase))
            {
                return rate;
            }
        }

        return _options.DefaultRequestsPerSecond;
    }

    private static SsrfRefusedException? FindSsrf(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SsrfRefusedException ssrf)
            {
                return ssrf;
            }
        }

        return null;
    }

    private static KeyValuePair<string, string> ParseCookie(string header)
    {
        var first = header.Split(';', 2)[0];
        var eq = first.IndexOf('=', StringComparison.Ordinal);
        return eq <= 0 ? KeyValuePair.Create(string.Empty, string.Empty) : KeyValuePair.Create(first[..eq].Trim(), first[(eq + 1)..].Trim());
    }

    private FetchResult Result(string requested, string current, FetchStatus status, int http, List<string> redirects, string reason,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null, IReadOnlyList<KeyValuePair<string, string>>? cookies = null)
    {
        if (status == FetchStatus.Refused)
        {
            _logger.LogWarning("Fetch of {Url} refused: {Reason}", current, reason);
        }

        return new FetchResult
        {
            RequestedUrl = requested,
            FinalUrl = current,
            Status = status,
            HttpStatus = http,
            Redirects = redirects,
            Reason = reason,
            Headers = headers ?? [],
            Cookies = cookies ?? [],
            FetchedAtUtc = _time.GetUtcNow().UtcDateTime,
        };
    }

    public void Dispose()
    {
        _client.Dispose();
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    /// <summary>Per-host concurrency (semaphore) and rate (minimum spacing between request starts).</summary>
    private sealed class HostGate(int concurrency, double perSecond, TimeProvider time) : IDisposable
    {
        public void Dispose() => _slots.Dispose();

        private readonly SemaphoreSlim _slots = new(concurrency, concurrency);
        private readonly Lock _lock = new();
        private readonly TimeSpan _spacing = perSecond > 0 ? TimeSpan.FromSeconds(1 / perSecond) : TimeSpan.Zero;
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        public async Task EnterAsync(CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken);
            if (_spacing == TimeSpan.Zero)
            {
                return;
            }

            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                var start = _next > now ? _next : now;
                _next = start + _spacing;
                wait = start - now;
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, cancellationToken);
                }
                catch
                {
                    _slots.Release();
                    throw;
                }
            }
        }

        public void Exit() => _slots.Release();
    }
}
