using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Enrichment;

namespace PartnerForge.Web.Api;

public sealed record ApiBulkEnrich(IReadOnlyList<string>? Domains);

public sealed record ApiBatchQueued(Guid BatchId, int Accounts, int AccountsCreated, int AlreadyRunning);

public sealed record ApiBatch(Guid Id, string State, int Accounts, int AccountsDone, int ModuleRuns, int ModuleFailures, double Percent,
    DateTime QueuedAtUtc, DateTime? StartedAtUtc, DateTime? FinishedAtUtc, double ModulesPerSecond);

/// <summary>
/// REST API v1: bulk enrichment, the same as the accounts grid's "Enrich selected" (<see cref="EnrichmentService.EnrichCompaniesAsync"/>):
/// queue a batch for a list of domains (accounts created first when new, as <c>POST /enrich/{domain}</c> does) and read
/// its progress. Every node started on the database shares the batch's accounts.
/// </summary>
internal static class ApiV1Batches
{
    public const int MaxDomains = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/enrich", QueueAsync).WithName("EnrichDomains").WithTags("Enrichment")
            .WithSummary($"Queues a bulk enrichment of up to {MaxDomains} domains ({{\"domains\": [\"acme.com\", …]}}), creating the accounts that do not exist; accounts with a run already active keep it. 202 with the batch id and its Location")
            .Produces<ApiBatchQueued>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
        api.MapGet("/batches/{id}", GetAsync).WithName("GetBatch").WithTags("Enrichment")
            .WithSummary("A bulk enrichment's progress: accounts done, module runs, failures and rate")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Accepted<ApiBatchQueued>, ValidationProblem>> QueueAsync(
        HttpContext context, AccountEditor accounts, EnrichmentService enrichment, CancellationToken ct)
    {
        var (domains, errors) = await ReadDomainsAsync(context, ct);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors, context);
        }

        var ids = new List<Guid>(domains.Count);
        var created = 0;
        foreach (var domain in domains)
        {
            var (id, isNew) = await accounts.GetOrCreateAsync(domain, domain.Value, ct);
            ids.Add(id);
            created += isNew ? 1 : 0;
        }

        if (await enrichment.EnrichCompaniesAsync(ids, ct) is not { } batchId)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["domains"] = ["Every one of these accounts is being enriched already; nothing was queued."] }, context);
        }

        var progress = (await enrichment.BatchProgressAsync(batchId, ct))!;
        return TypedResults.Accepted($"{ApiEndpoints.Prefix}/batches/{batchId}", new ApiBatchQueued(batchId, progress.Accounts, created, ids.Count - progress.Accounts));
    }

    private static async Task<(List<DomainName> Domains, Dictionary<string, string[]> Errors)> ReadDomainsAsync(HttpContext context, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ApiBulkEnrich? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<ApiBulkEnrich>(ct);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            body = null;
        }

        if (body?.Domains is not { Count: > 0 } given)
        {
            errors["domains"] = ["Send a JSON object like {\"domains\": [\"acme.com\", \"globex.com\"]}."];
            return ([], errors);
        }

        if (given.Count > MaxDomains)
        {
            errors["domains"] = [$"At most {MaxDomains} domains per request; {given.Count} were sent."];
            return ([], errors);
        }

        var domains = new List<DomainName>(given.Count);
        for (var i = 0; i < given.Count; i++)
        {
            if (DomainName.TryParse(given[i] ?? string.Empty, out var parsed, out var error))
            {
                domains.Add(parsed);
            }
            else
            {
                errors[$"domains[{i}]"] = [error];
            }
        }

        return (domains.DistinctBy(d => d.Value).ToList(), errors);
    }

    private static async Task<Results<Ok<ApiBatch>, ValidationProblem, ProblemHttpResult>> GetAsync(
        HttpContext context, EnrichmentService enrichment, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var batchId))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["id"] = ["A batch id is a GUID, as returned by POST /enrich."] }, context);
        }

        if (await enrichment.BatchProgressAsync(batchId, ct) is not { } p)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"No bulk enrichment {batchId} in this workspace.", context);
        }

        var state = p.AccountsDone == p.Accounts ? "finished" : p.StartedAtUtc is null ? "queued" : "running";
        return TypedResults.Ok(new ApiBatch(batchId, state, p.Accounts, p.AccountsDone, p.ModuleRuns, p.ModuleFailures, Math.Round(p.Share * 100, 1),
            p.QueuedAtUtc, p.StartedAtUtc, p.FinishedAtUtc, Math.Round(p.ModulesPerSecond, 2)));
    }
}
