using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Enrichment.Fetching;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>
/// M06 hiring: follows the careers page's link to Greenhouse, Lever, Ashby, Workable or SmartRecruiters and
/// reads the board's public API: open roles by department and location, roles naming technologies of our
/// catalog, and the trend against the last good snapshot.
/// </summary>
public sealed partial class HiringModule(FingerprintCatalog catalog, IDbContextFactory<PartnerForgeDbContext> contexts) : IEnrichmentModule
{
    public string Code => ModuleCatalog.Hiring;

    private sealed record Posting(string Title, string Department, string Location, string Url);

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var m01 = context.Earlier[ModuleCatalog.CompanyContext];
        var careersUrl = m01.Value("links.careers") ?? context.Url("/careers");
        var careers = await context.Sources.PageAsync(careersUrl, cancellationToken);
        if (!careers.IsOk)
        {
            return careers.Status == FetchStatus.NotFound ? ModuleResult.NoData("No careers page.") : ModuleResult.FromFetch(careers);
        }

        var board = FindBoard(careers.Body);
        if (board is null)
        {
            return ModuleResult.NoData("The careers page links to no supported job board (Greenhouse, Lever, Ashby, Workable, SmartRecruiters).");
        }

        var (kind, token, boardLink) = board.Value;
        var apiUrl = kind switch
        {
            "greenhouse" => $"https://boards-api.greenhouse.io/v1/boards/{token}/jobs",
            "lever" => $"https://api.lever.co/v0/postings/{token}?mode=json",
            "ashby" => $"https://api.ashbyhq.com/posting-api/job-board/{token}",
            "workable" => $"https://apply.workable.com/api/v1/widget/accounts/{token}",
            _ => $"https://api.smartrecruiters.com/v1/companies/{token}/postings",
        };
        var answer = await context.Sources.CallAsync(kind, Code, apiUrl, cancellationToken);
        if (answer.Status == FetchStatus.NotFound)
        {
            return ModuleResult.NoData($"The {kind} board '{token}' does not exist.");
        }

        if (!answer.IsOk)
        {
            return ModuleResult.FromFetch(answer);
        }

        List<Posting> postings;
        try
        {
            postings = Parse(kind, answer.Body);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return ModuleResult.Failed($"The {kind} API answered with malformed JSON: {ex.Message}");
        }

        var method = $"{kind}-api";
        SourceRef Src(string excerpt) => new(apiUrl, answer.FetchedAtUtc, method, excerpt);
        var facts = new List<Fact>
        {
            new("hiring.board", $"{kind}:{token}", new SourceRef(careers.FinalUrl, careers.FetchedAtUtc, "html-link", $"<a href=\"{boardLink}\">")),
            new("hiring.open_roles", postings.Count.ToString(CultureInfo.InvariantCulture), Src($"{postings.Count} postings")),
        };
        foreach (var group in postings.GroupBy(p => p.Department))
        {
            facts.Add(new Fact($"hiring.department[{group.Key}]", group.Count().ToString(CultureInfo.InvariantCulture), Src(string.Join("; ", group.Select(p => p.Title)))));
        }

        foreach (var group in postings.GroupBy(p => p.Location))
        {
            facts.Add(new Fact($"hiring.location[{group.Key}]", group.Count().ToString(CultureInfo.InvariantCulture), Src(string.Join("; ", group.Select(p => p.Title)))));
        }

        foreach (var posting in postings)
        {
            facts.Add(new Fact($"hiring.role[{posting.Title}]", $"{posting.Department}; {posting.Location}", new SourceRef(posting.Url.Length > 0 ? posting.Url : apiUrl, answer.FetchedAtUtc, method, posting.Title)));
            foreach (var tech in TechnologiesNamedIn(posting.Title))
            {
                facts.Add(new Fact($"hiring.tech_role[{tech}]", posting.Title, new SourceRef(posting.Url.Length > 0 ? posting.Url : apiUrl, answer.FetchedAtUtc, method, posting.Title)));
            }
        }

        var previous = await PreviousOpenRolesAsync(context, cancellationToken);
        if (previous is { } before)
        {
            var trend = postings.Count > before ? "up" : postings.Count < before ? "down" : "flat";
            facts.Add(new Fact("hiring.trend", trend, Src($"{before} → {postings.Count} open roles")));
        }

        return ModuleResult.Ok(facts);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<FingerprintCatalog, Regex> NamePatterns = new();

    /// <summary>Catalog technologies (names of 4+ characters) named as whole words in a job title; one regex for all names.</summary>
    private IEnumerable<string> TechnologiesNamedIn(string title)
    {
        var names = NamePatterns.GetOrAdd(catalog, c => new Regex(
            @"(?<![\w.])(" + string.Join('|', c.Technologies.Select(t => t.Name).Where(n => n.Length >= 4).OrderByDescending(n => n.Length).Select(Regex.Escape)) + @")(?![\w])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(100)));
        List<string> found;
        try
        {
            found = names.Matches(title).Select(m => m.Groups[1].Value).ToList();
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }

        return found.Select(f => catalog.ByName.TryGetValue(f, out var t) ? t.Name : f).Distinct(StringComparer.OrdinalIgnoreCase);
    }

    private async Task<int?> PreviousOpenRolesAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.IntelSnapshots.AsNoTracking()
            .Where(s => s.CompanyId == context.CompanyId && s.Module == ModuleCatalog.Hiring)
            .OrderByDescending(s => s.CapturedAtUtc).Select(s => s.CanonicalJson).FirstOrDefaultAsync(cancellationToken);
        if (json is null)
        {
            return null;
        }

        var value = ModuleResult.FromSnapshot(ModuleOutcome.Ok, json, DateTime.UtcNow).Value("hiring.open_roles");
        return int.TryParse(value, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    internal static (string Kind, string Token, string Link)? FindBoard(string html)
    {
        var m = BoardLink().Match(html);
        if (!m.Success)
        {
            return null;
        }

        var host = m.Groups["host"].Value.ToLowerInvariant();
        var kind = host.Contains("greenhouse", StringComparison.Ordinal) ? "greenhouse"
            : host.Contains("lever", StringComparison.Ordinal) ? "lever"
            : host.Contains("ashby", StringComparison.Ordinal) ? "ashby"
            : host.Contains("workable", StringComparison.Ordinal) ? "workable" : "smartrecruiters";
        return (kind, m.Groups["token"].Value, m.Value);
    }

    private static List<Posting> Parse(string kind, string body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        static string S(JsonElement e, params string[] path)
        {
            foreach (var p in path)
            {
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
                {
                    return string.Empty;
                }
            }

            return e.ValueKind == JsonValueKind.String ? e.GetString()! : string.Empty;
        }

        string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
        return kind switch
        {
            "greenhouse" => root.GetProperty("jobs").EnumerateArray().Select(j => new Posting(S(j, "title"),
                Or(j.TryGetProperty("departments", out var d) && d.GetArrayLength() > 0 ? S(d[0], "name") : string.Empty, "Other"),
                Or(S(j, "location", "name"), "Unspecified"), S(j, "absolute_url"))).ToList(),
            "lever" => root.EnumerateArray().Select(j => new Posting(S(j, "text"), Or(S(j, "categories", "team"), "Other"), Or(S(j, "categories", "location"), "Unspecified"), S(j, "hostedUrl"))).ToList(),
            "ashby" => root.GetProperty("jobs").EnumerateArray().Select(j => new Posting(S(j, "title"), Or(S(j, "department"), "Other"), Or(S(j, "location"), "Unspecified"), S(j, "jobUrl"))).ToList(),
            "workable" => root.GetProperty("jobs").EnumerateArray().Select(j => new Posting(S(j, "title"), Or(S(j, "department"), "Other"), Or(S(j, "city"), "Unspecified"), S(j, "url"))).ToList(),
            _ => root.GetProperty("content").EnumerateArray().Select(j => new Posting(S(j, "name"), Or(S(j, "department", "label"), "Other"), Or(S(j, "location", "city"), "Unspecified"), string.Empty)).ToList(),
        };
    }

    [GeneratedRegex(@"https?://(?<host>(?:job-)?boards\.greenhouse\.io|jobs\.lever\.co|jobs\.ashbyhq\.com|apply\.workable\.com|(?:jobs|careers)\.smartrecruiters\.com)/(?<token>[A-Za-z0-9_-]+)", RegexOptions.IgnoreCase, 200)]
    private static partial Regex BoardLink();
}
