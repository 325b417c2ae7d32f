using System.Collections.Concurrent;
using PartnerForge.Infrastructure.Enrichment.Fetching;
using PartnerForge.Infrastructure.Enrichment.Modules;

namespace PartnerForge.Infrastructure.Enrichment;

/// <summary>Per run: the account's pages are fetched once and shared by modules; metered calls pass the budget check.</summary>
internal sealed class SourceGateway(IWebFetcher fetcher, BudgetGuard budgets, Guid tenantId, Guid companyId) : ISourceGateway
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FetchResult>>> _pages = new(StringComparer.Ordinal);

    public Task<FetchResult> PageAsync(string url, CancellationToken cancellationToken) =>
        _pages.GetOrAdd(url, u => new Lazy<Task<FetchResult>>(() => fetcher.GetAsync(u, cancellationToken))).Value;

    public async Task<FetchResult> CallAsync(string source, string module, string url, CancellationToken cancellationToken)
    {
        if (await budgets.TryConsumeAsync(tenantId, source, module, companyId, url, cancellationToken) is { } refusal)
        {
            throw new BudgetExceededException(source, refusal);
        }

        return await fetcher.GetAsync(url, source, cancellationToken);
    }
}
