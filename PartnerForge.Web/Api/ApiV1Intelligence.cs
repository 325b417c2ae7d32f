using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Changes;
using PartnerForge.Infrastructure.Enrichment;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Web.Api;

public sealed record ApiSource(string Url, DateTime FetchedAtUtc, string Method, string Excerpt);

public sealed record ApiFact(string Path, string Value, ApiSource Source);

public sealed record ApiModuleIntelligence(string Module, string Name, int Wave, string Status, string? Reason, DateTime? LastRunAtUtc, DateTime? LastGoodAtUtc, IReadOnlyList<ApiFact> Facts);

public sealed record ApiAccountDetail(Guid Id, string Name, string Domain, DateTime CreatedAtUtc, IReadOnlyList<ApiModuleIntelligence> Intelligence);

public sealed record ApiRunQueued(Guid RunId, Guid AccountId, string Domain, bool AccountCreated, string Status);

public sealed record ApiRunModule(string Module, string Name, int Wave, string Status, string? Reason, DateTime? FinishedAtUtc);

public sealed record ApiRunProgress(int ModulesDone, int ModulesTotal, double Percent);

public sealed record ApiRun(Guid Id, Guid AccountId, string Domain, string State, string? Reason, DateTime QueuedAtUtc, DateTime? StartedAtUtc, DateTime? FinishedAtUtc,
    int Attempts, ApiRunProgress Progress, IReadOnlyList<ApiRunModule> Modules);

public sealed record ApiChange(Guid Id, string Module, string Path, string Kind, string? OldValue, string? NewValue, int Significance, string Rule, string? Technology, DateTime DetectedAtUtc);

public sealed record ApiChangePage(string Domain, IReadOnlyList<ApiChange> Items, string? Next);

/// <summary>
/// REST API v1: enrichment (queue a run, read its status), an account's intelligence with its sources, and the
/// account's change events. Runs in the key's tenant (the query filters scope every read; another tenant's run or
/// domain is a 404).
/// </summary>
internal static class ApiV1Intelligence
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/enrich/{domain}", EnrichAsync).WithName("EnrichDomain").WithTags("Enrichment")
            .WithSummary("Queues an enrichment run for the account with this domain, creating the account first when it does not exist (named ?name=, else after the domain); 202 with the run id and its Location. An account has one active run at a time: while one is queued or running, the request joins it (status \"joined\", same run id)")
            .Produces<ApiRunQueued>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
        api.MapGet("/runs/{id}", GetRunAsync).WithName("GetRun").WithTags("Enrichment")
            .WithSummary("An enrichment run: state, progress and each module's outcome")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/changes/{domain}", GetChangesAsync).WithName("GetChanges").WithTags("Changes")
            .WithSummary("Change events of an account, newest first; pageSize ≤ 200, pass 'next' back as 'after' for the following page")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>GET /accounts/{domain}: the account with its intelligence per module and every fact's source.</summary>
    public static async Task<Results<Ok<ApiAccountDetail>, ProblemHttpResult>> GetAccountAsync(
        HttpContext context, AccountDirectory accounts, EnrichmentService enrichment, string domain, CancellationToken ct)
    {
        if (!DomainName.TryParse(domain, out var parsed, out var error))
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", error, context);
        }

        var account = await accounts.FindByDomainAsync(parsed.Value, ct);
        if (account is null)
        {
            return NoAccount(parsed.Value, context);
        }

        var panels = await enrichment.PanelAsync(account.Id, ct);
        var intelligence = panels.Select(p => new ApiModuleIntelligence(p.Module, p.Name, p.Wave, p.Outcome.Label(), p.Reason, p.LastRunAtUtc, p.LastGoodAtUtc,
            p.Facts.Select(f => new ApiFact(f.Path, f.Value, new ApiSource(f.Source.Url, f.Source.FetchedAtUtc, f.Source.Method, f.Source.Excerpt))).ToList())).ToList();
        return TypedResults.Ok(new ApiAccountDetail(account.Id, account.Name, account.Domain, account.CreatedAtUtc, intelligence));
    }

    private static async Task<Results<Accepted<ApiRunQueued>, ValidationProblem>> EnrichAsync(
        HttpContext context, AccountEditor accounts, EnrichmentService enrichment, string domain, string? name, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!DomainName.TryParse(Uri.UnescapeDataString(domain), out var parsed, out var error))
        {
            errors["domain"] = [error];
        }

        if (name is not null && (name.Trim().Length is 0 or > 300))
        {
            errors["name"] = ["The name of a new account has 1 to 300 characters (leave it out to use the domain)."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors, context);
        }

        // Named as asked (?name=), else after its domain; M01's company name is in its intelligence.
        var (accountId, created) = await accounts.GetOrCreateAsync(parsed, string.IsNullOrWhiteSpace(name) ? parsed.Value : name.Trim(), ct);
        var request = await enrichment.EnrichNowAsync(accountId, ct);
        return TypedResults.Accepted($"{ApiEndpoints.Prefix}/runs/{request.RunId}",
            new ApiRunQueued(request.RunId, accountId, parsed.Value, created, request.Joined ? "joined" : "queued"));
    }

    private static async Task<Results<Ok<ApiRun>, ValidationProblem, ProblemHttpResult>> GetRunAsync(
        HttpContext context, EnrichmentRunQueries runs, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var runId))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["id"] = ["A run id is a GUID like 3f2b8c1e-0000-0000-0000-000000000000, as returned by POST /enrich/{domain}."] }, context);
        }

        if (await runs.FindAsync(runId, ct) is not { } report)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"No enrichment run {runId} in this workspace.", context);
        }

        var (run, domain, statuses) = (report.Run, report.Domain, report.Statuses);
        var modules = ModuleCatalog.All.Select(m =>
        {
            var status = statuses.GetValueOrDefault(m.Code);
            if (status?.LastRunId == run.Id)
            {
                return new ApiRunModule(m.Code, m.Name, m.Wave, status.Outcome.Label(), status.Reason, status.Outcome.IsFinal() ? status.LastRunAtUtc : null);
            }

            // A later run has written this module since: this run's own outcome is no longer kept.
            return run.State is RunState.Completed or RunState.Failed && status?.LastRunAtUtc > run.FinishedAtUtc
                ? new ApiRunModule(m.Code, m.Name, m.Wave, "superseded", "A later run replaced this module's outcome.", null)
                : new ApiRunModule(m.Code, m.Name, m.Wave, run.State is RunState.Completed or RunState.Failed ? "not run" : ModuleOutcome.Pending.Label(), null, null);
        }).ToList();
        var done = run.State == RunState.Completed ? run.ModulesTotal : Math.Min(run.ModulesTotal, modules.Count(m => m.FinishedAtUtc is not null));
        var progress = new ApiRunProgress(done, run.ModulesTotal, run.ModulesTotal == 0 ? 100 : Math.Round(done * 100.0 / run.ModulesTotal, 1));
        return TypedResults.Ok(new ApiRun(run.Id, run.CompanyId, domain, run.State.ToString().ToLowerInvariant(), run.FailureReason, run.QueuedAtUtc, run.StartedAtUtc, run.FinishedAtUtc,
            run.Attempts, progress, modules));
    }

    private static async Task<Results<Ok<ApiChangePage>, ValidationProblem, ProblemHttpResult>> GetChangesAsync(
        HttpContext context, AccountDirectory accounts, ChangeTimeline timeline, string domain, string? after, string? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var size = 50;
        if (!string.IsNullOrEmpty(pageSize) && !(int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= 200))
        {
            errors["pageSize"] = ["pageSize must be a whole number from 1 to 200."];
        }

        TimelineCursor? cursor = null;
        if (!string.IsNullOrEmpty(after) && !TryParseCursor(after, out cursor))
        {
            errors["after"] = ["'after' must be the 'next' value of a previous page."];
        }

        if (!DomainName.TryParse(domain, out var parsed, out var domainError))
        {
            errors["domain"] = [domainError];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors, context);
        }

        var accountId = (await accounts.FindByDomainAsync(parsed.Value, ct))?.Id;
        if (accountId is null)
        {
            return NoAccount(parsed.Value, context);
        }

        var page = await timeline.PageAsync(new TimelineFilter { CompanyId = accountId }, cursor, size, ct);
        var items = page.Items.Select(c => new ApiChange(c.Id, c.Module, c.Path, c.Kind.ToString().ToLowerInvariant(), c.OldValue, c.NewValue, c.Significance, c.Rule, c.Technology, c.DetectedAtUtc)).ToList();
        return TypedResults.Ok(new ApiChangePage(parsed.Value, items, page.Next is { } next ? FormatCursor(next) : null));
    }

    internal static string FormatCursor(TimelineCursor cursor) =>
        string.Create(CultureInfo.InvariantCulture, $"{cursor.DetectedAtUtc.Ticks}-{cursor.Id:N}");

    internal static bool TryParseCursor(string text, out TimelineCursor? cursor)
    {
        cursor = null;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks
            || !Guid.TryParseExact(text[(dash + 1)..], "N", out var id))
        {
            return false;
        }

        cursor = new TimelineCursor(new DateTime(ticks, DateTimeKind.Utc), id);
        return true;
    }

    private static ProblemHttpResult NoAccount(string domain, HttpContext context) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"No account with domain {domain} in this workspace.", context);
}
