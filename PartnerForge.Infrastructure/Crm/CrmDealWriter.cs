using System.Globalization;
using PartnerForge.Domain.Crm;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Pipeline;

namespace PartnerForge.Infrastructure.Crm;

/// <summary>
/// Applies pulled CRM deals to our pipeline through <see cref="PipelineService"/>: the deal's company through its link,
/// its owner through the owner map (else the admin who connected the CRM), its stage by kind (won, lost) or by name, else
/// by HubSpot's default order of open stages.
/// </summary>
public sealed class CrmDealWriter(PipelineService pipeline)
{
    /// <summary>HubSpot's default sales pipeline, open stages in order.</summary>
    private static readonly string[] HubSpotOpenStages = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent"];

    private IReadOnlyList<StageInfo>? stages;
    private string? currency;

    internal async Task<(SyncOutcome, Guid?, string?)> ApplyAsync(SyncContext sync, CrmValues crm, CrmLink? link, Dictionary<string, Guid> companies, CancellationToken cancellationToken)
    {
        stages ??= await pipeline.StagesAsync(cancellationToken);
        currency ??= (await pipeline.SettingsAsync(cancellationToken)).ReportingCurrency;
        if (link is null)
        {
            var companyId = crm.Record.CompanyIds.Select(id => companies.TryGetValue(id, out var c) ? c : (Guid?)null).FirstOrDefault(c => c is not null);
            if (companyId is null)
            {
                return (SyncOutcome.Skipped, null, "The deal's company is not in PartnerForge (the deal has no company, or its company has no domain).");
            }

            var input = new DealInput
            {
                CompanyId = companyId.Value,
                Title = crm[CrmFields.DealName] ?? "Deal from the CRM",
                OwnerId = sync.OwnerOf(crm.Record) ?? sync.Connection.ConnectedByUserId,
                StageId = StageFor(crm[CrmFields.Stage]),
                Amount = Amount(crm[CrmFields.Amount]) ?? 0m,
                Currency = crm[CrmFields.Currency] ?? currency,
                ExpectedCloseDate = CloseDate(crm[CrmFields.CloseDate]) ?? sync.Now.Date.AddDays(30),
            };
            var created = await pipeline.SaveDealAsync(null, input, cancellationToken: cancellationToken);
            return created.Succeeded ? (SyncOutcome.Created, created.Value!.DealId, null) : (SyncOutcome.Failed, null, created.Describe());
        }

        var detail = await pipeline.GetDealAsync(link.RecordId, cancellationToken);
        if (detail is null)
        {
            return (SyncOutcome.Skipped, null, "The linked deal was removed from PartnerForge.");
        }

        var ours = detail.Input;
        var updated = detail.CreatedAtUtc; // a deal keeps no edit time of its own
        var changed = false;
        ours.Title = crm.Resolve(CrmFields.DealName, ours.Title, updated, ref changed) ?? ours.Title;
        ours.Amount = Amount(crm.Resolve(CrmFields.Amount, Text(ours.Amount), updated, ref changed)) ?? ours.Amount;
        ours.Currency = crm.Resolve(CrmFields.Currency, ours.Currency, updated, ref changed) ?? ours.Currency;
        ours.ExpectedCloseDate = CloseDate(crm.Resolve(CrmFields.CloseDate, DateText(ours.ExpectedCloseDate), updated, ref changed)) ?? ours.ExpectedCloseDate;
        if (crm[CrmFields.Stage] is { } stage && StageFor(stage) != ours.StageId && crm.Resolve(CrmFields.Stage, ours.StageId.ToString(), updated, ref changed) != ours.StageId.ToString())
        {
            ours.StageId = StageFor(stage);
        }

        if (!changed)
        {
            return (SyncOutcome.Unchanged, link.RecordId, null);
        }

        var saved = await pipeline.SaveDealAsync(link.RecordId, ours, cancellationToken: cancellationToken);
        return saved.Succeeded ? (SyncOutcome.Updated, link.RecordId, null) : (SyncOutcome.Failed, link.RecordId, saved.Describe());
    }

    private Guid StageFor(string? crmStage)
    {
        var open = stages!.Where(s => s.Kind == StageKind.Open).OrderBy(s => s.Position).ToList();
        var key = Key(crmStage);
        if (key == "closedwon" || key == "closedlost")
        {
            var kind = key == "closedwon" ? StageKind.Won : StageKind.Lost;
            return stages!.First(s => s.Kind == kind).Id;
        }

        if (stages!.FirstOrDefault(s => Key(s.Name) == key) is { } named)
        {
            return named.Id;
        }

        var index = Array.IndexOf(HubSpotOpenStages, key);
        return open[Math.Clamp(index < 0 ? 0 : index * open.Count / HubSpotOpenStages.Length, 0, open.Count - 1)].Id;
    }

    private static string Key(string? text) => new((text ?? string.Empty).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static decimal? Amount(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? decimal.Round(amount, 2) : null;

    private static string? Text(decimal? amount) => amount?.ToString("0.##", CultureInfo.InvariantCulture);

    private static DateTime? CloseDate(string? text) => HubSpotConnector.Parse(text)?.Date;

    private static string? DateText(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
