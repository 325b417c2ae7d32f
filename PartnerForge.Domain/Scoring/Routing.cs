using PartnerForge.Domain.Tenancy;

namespace PartnerForge.Domain.Scoring;

/// <summary>Where routing sent an account: the owner, the territory and team that decided it, and why.</summary>
public sealed record RoutingDecision(Guid OwnerId, Guid TerritoryId, Guid TeamId, int NextCursor, string Reason);

/// <summary>
/// Territory routing: the first territory (by name) whose rules match the account and whose team has active
/// members wins; the owner is the team's next member in a fixed order (by user id), round-robin, so over many
/// accounts every member gets the same number (±1).
/// </summary>
public static class TerritoryRouter
{
    public static RoutingDecision? Route(
        string? country,
        string? industry,
        string? employeeBand,
        IEnumerable<Territory> territories,
        IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> membersByTeam,
        IReadOnlyDictionary<Guid, int> cursorByTeam)
    {
        foreach (var territory in territories.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Id))
        {
            if (territory.TeamId is not { } teamId || !territory.Matches(country, industry, employeeBand))
            {
                continue;
            }

            if (!membersByTeam.TryGetValue(teamId, out var members) || members.Count == 0)
            {
                continue;
            }

            var ordered = members.Order().ToList();
            var cursor = cursorByTeam.GetValueOrDefault(teamId);
            var index = ((cursor % ordered.Count) + ordered.Count) % ordered.Count;
            return new RoutingDecision(ordered[index], territory.Id, teamId, index + 1, $"Territory {territory.Name}: round-robin in its team");
        }

        return null;
    }
}
