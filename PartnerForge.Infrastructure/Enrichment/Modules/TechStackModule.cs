using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Technologies;
using PartnerForge.Infrastructure.Enrichment.Fetching;

namespace PartnerForge.Infrastructure.Enrichment.Modules;

/// <summary>DNS MX/TXT records of a domain, where a resolver is available.</summary>
public interface IDnsRecordResolver
{
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ResolveAsync(string domain, CancellationToken cancellationToken);
}

/// <summary>.NET has no MX/TXT lookup in the box: without a resolver, DNS evidence is simply absent.</summary>
public sealed class NoDnsResolver : IDnsRecordResolver
{
    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ResolveAsync(string domain, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(new Dictionary<string, IReadOnlyList<string>>());
}

/// <summary>M02 tech stack: our fingerprint catalog over the homepage and about page, headers, cookies and DNS.</summary>
public sealed class TechStackModule(TechnologyDetector detector, IDnsRecordResolver dns) : IEnrichmentModule
{
    public string Code => ModuleCatalog.TechStack;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var home = await context.Sources.PageAsync(context.HomeUrl, cancellationToken);
        if (!home.IsOk)
        {
            return ModuleResult.FromFetch(home);
        }

        var records = await dns.ResolveAsync(context.Domain, cancellationToken);
        var pages = new List<(FetchResult Fetch, PageEvidence Evidence)> { (home, Evidence(home, records)) };
        var about = await context.Sources.PageAsync(context.Url("/about"), cancellationToken);
        if (about.IsOk)
        {
            pages.Add((about, Evidence(about, null)));
        }

        var facts = new List<Fact>();
        var detections = new List<(Detection Detection, SourceRef Source)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (fetch, evidence) in pages)
        {
            foreach (var d in detector.Detect(evidence))
            {
                if (!seen.Add(d.Technology))
                {
                    continue;
                }

                var method = d.Evidence.Kind switch
                {
                    EvidenceKind.ScriptSrc => "script-src",
                    EvidenceKind.Html => "html",
                    EvidenceKind.Comment => "html-comment",
                    EvidenceKind.Meta => "html-meta",
                    EvidenceKind.Header => "http-header",
                    EvidenceKind.Cookie => "cookie",
                    EvidenceKind.Url => "url",
                    EvidenceKind.Dns => "dns",
                    _ => "implied",
                };
                var url = d.Evidence.Kind == EvidenceKind.Dns ? $"dns:{context.Domain}" : fetch.FinalUrl;
                var source = new SourceRef(url, fetch.FetchedAtUtc, method, d.Evidence.Line);
                facts.Add(new Fact($"tech[{d.Technology}]", $"{d.Category}; confidence {d.Confidence}{(d.Version is null ? string.Empty : "; version " + d.Version)}", source));
                detections.Add((d, source));
            }
        }

        return ModuleResult.Ok(facts, detections);
    }

    private static PageEvidence Evidence(FetchResult fetch, IReadOnlyDictionary<string, IReadOnlyList<string>>? dns) =>
        PageEvidence.FromHtml(fetch.FinalUrl, fetch.Body, fetch.Headers, fetch.Cookies, dns);
}
