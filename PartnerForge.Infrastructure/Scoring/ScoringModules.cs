using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Scoring;
using PartnerForge.Infrastructure.Enrichment.Modules;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Scoring;

/// <summary>Facts of this run's earlier modules (fresh) over the account's stored facts.</summary>
internal static class RunFacts
{
    public static Dictionary<string, IReadOnlyList<Fact>> Of(ModuleContext context) =>
        context.Earlier.Where(e => e.Value.Outcome == ModuleOutcome.Ok).ToDictionary(e => e.Key, e => e.Value.Facts, StringComparer.Ordinal);
}

/// <summary>M13: the account's fit with the tenant's ICP, with one fact per criterion saying what it gave.</summary>
public sealed class IcpFitModule(IDbContextFactory<PartnerForgeDbContext> contexts) : IEnrichmentModule
{
    public string Code => ModuleCatalog.IcpFit;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var profile = await IcpSettings.LoadAsync(db, now, cancellationToken);
        if (profile.Criteria().Count == 0)
        {
            // Not "no data": the account was assessed, there is just nothing to match yet (fit 0, and it says why).
            var none = new SourceRef(context.HomeUrl, now, "icp-fit", "no ICP criteria");
            return ModuleResult.Ok([new Fact("fit.score", "0", none), new Fact("fit.factor[ICP]", "+0 no ideal customer profile defined yet (Administration → ICP & tiers)", none)]);
        }

        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == context.CompanyId, cancellationToken);
        var facts = (await StoredFacts.LoadAsync(db, [context.CompanyId], AccountScorer.InputModules, cancellationToken))[context.CompanyId];
        foreach (var (module, list) in RunFacts.Of(context))
        {
            facts[module] = list;
        }

        var fit = FitScorer.Score(profile.Criteria(), AccountScorer.FitInputOf(company, facts));
        var source = new SourceRef(context.HomeUrl, now, "icp-fit", $"{profile.Criteria().Count} ICP criteria");
        var result = new List<Fact> { new("fit.score", fit.Score.ToString(CultureInfo.InvariantCulture), source) };
        result.AddRange(fit.Factors.Select(f => new Fact($"fit.factor[{f.Criterion}]", f.Text, new SourceRef(context.HomeUrl, now, "icp-fit", f.Text))));
        return ModuleResult.Ok(result);
    }
}

/// <summary>
/// M14: the decayed signal score, one fact per signal citing the source of the fact it comes from. It also
/// stores the account's fit, signal, priority and tier (recording a tier change and routing the account).
/// </summary>
public sealed class SignalScoreModule(AccountScorer scorer) : IEnrichmentModule
{
    public string Code => ModuleCatalog.SignalScore;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var fresh = RunFacts.Of(context);
        var outcome = await scorer.ScoreAsync(context.CompanyId, fresh, "Enrichment run", cancellationToken);
        if (outcome is null)
        {
            return ModuleResult.Failed("The account no longer exists.");
        }

        var now = context.Time.GetUtcNow().UtcDateTime;
        var source = new SourceRef(context.HomeUrl, now, "signal-score", $"{outcome.Signal.Factors.Count} signals");
        var facts = new List<Fact> { new("signal.score", outcome.Signal.Score.ToString(CultureInfo.InvariantCulture), source) };
        var signals = SignalSources(fresh);
        foreach (var factor in outcome.Signal.Factors.Where(f => f.Matched).DistinctBy(f => f.Criterion))
        {
            facts.Add(new Fact($"signal.factor[{factor.Criterion}]", factor.Text, signals.GetValueOrDefault(factor.Criterion) ?? source));
        }

        return ModuleResult.Ok(facts);
    }

    /// <summary>The source of the fact each signal comes from, so the signal cites the press item or job board.</summary>
    private static Dictionary<string, SourceRef> SignalSources(IReadOnlyDictionary<string, IReadOnlyList<Fact>> facts)
    {
        var sources = new Dictionary<string, SourceRef>(StringComparer.Ordinal);
        foreach (var signal in SignalExtractor.From(facts, []))
        {
            var fact = facts.GetValueOrDefault(signal.Module)?.FirstOrDefault(f => f.Path == signal.Path);
            if (fact is not null)
            {
                sources.TryAdd(signal.Label, fact.Source);
            }
        }

        return sources;
    }
}

/// <summary>M15: the strategic brief's sections as facts (the page builds the same brief from stored facts).</summary>
public sealed class StrategicBriefModule(IDbContextFactory<PartnerForgeDbContext> contexts) : IEnrichmentModule
{
    public string Code => ModuleCatalog.StrategicBrief;

    public async Task<ModuleResult> RunAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var facts = (await StoredFacts.LoadAsync(db, [context.CompanyId], null, cancellationToken))[context.CompanyId];
        foreach (var (module, list) in RunFacts.Of(context))
        {
            facts[module] = list;
        }

        facts.Remove(ModuleCatalog.StrategicBrief);
        var brief = BriefBuilder.Build(context.CompanyName, facts, context.Time.GetUtcNow().UtcDateTime);
        var result = new List<Fact>();
        foreach (var section in brief.Sections.Where(s => s.Sentences.Count > 0))
        {
            var first = section.Sentences[0].Citations[0];
            var text = string.Join(" ", section.Sentences.Select(s => s.Text));
            result.Add(new Fact($"brief.section[{section.Key}]", text, new SourceRef(first.SourceUrl, first.FetchedAtUtc, first.Method, first.Path)));
        }

        return result.Count == 0 ? ModuleResult.NoData("No facts to build a brief from yet.") : ModuleResult.Ok(result);
    }
}
