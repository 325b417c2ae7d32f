using System.Globalization;
using System.Text.Json.Nodes;

namespace PartnerForge.Tests.Infrastructure.Crm;

internal sealed partial class HubSpotFake
{
    private static readonly string[] FirstNames = ["Ada", "Ben", "Chie", "Dana", "Emeka", "Freya", "Goran", "Hana", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nora", "Omar", "Priya"];
    private static readonly string[] LastNames = ["Adeyemi", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jansen", "Kowalski", "Larsen", "Moreau", "Novak"];
    private static readonly string[] Titles = ["VP Operations", "IT Director", "Head of Sales", "CFO", "Procurement Manager", "CTO", "Marketing Lead", "Office Manager"];
    private static readonly string[] Industries = ["COMPUTER_SOFTWARE", "RETAIL", "FINANCIAL_SERVICES", "HOSPITAL_HEALTH_CARE", "LOGISTICS_AND_SUPPLY_CHAIN", "MACHINERY"];
    private static readonly string[] Countries = ["Germany", "United States", "France", "United Kingdom", "Netherlands", "Spain", "Japan", "Brazil"];
    private static readonly string[] Words = ["North", "Blue", "Quill", "Summit", "Harbor", "Iron", "Maple", "Nova", "Orbit", "Pine", "Vector", "Willow", "Cedar", "Delta"];
    private static readonly string[] Kinds = ["Labs", "Outdoor", "Logistics", "Publishing", "Systems", "Foods", "Health", "Robotics", "Partners", "Studio"];

    /// <summary>
    /// A portal at scale, generated in memory: <paramref name="owners"/> owners (owner{i}@{<paramref name="ownerDomain"/>}),
    /// <paramref name="companies"/> companies (a name, a unique domain, industry, country, an owner) and
    /// <paramref name="contacts"/> contacts spread over them (first and last name, an address at the company's domain,
    /// title, phone, the owner, associatedcompanyid), last changed between <paramref name="changedFrom"/> and a day later.
    /// Ids follow HubSpot's (companies, then contacts, in creation order).
    /// </summary>
    public void SeedPortal(int companies, int contacts, int owners, string ownerDomain, DateTimeOffset changedFrom)
    {
        lock (_lock)
        {
            for (var o = 0; o < owners; o++)
            {
                _owners.Add(new JsonObject
                {
                    ["id"] = (170_000 + o).ToString(CultureInfo.InvariantCulture), ["email"] = $"owner{o}@{ownerDomain}", ["type"] = "PERSON",
                    ["firstName"] = FirstNames[o % FirstNames.Length], ["lastName"] = LastNames[o % LastNames.Length], ["archived"] = false,
                });
            }

            var step = TimeSpan.FromDays(1) / Math.Max(1, companies + contacts);
            var companyIds = new string[companies];
            var domains = new string[companies];
            for (var c = 0; c < companies; c++)
            {
                domains[c] = $"{Words[c % Words.Length].ToLowerInvariant()}-{Kinds[c / Words.Length % Kinds.Length].ToLowerInvariant()}-{c}.example";
                companyIds[c] = Seed("companies", changedFrom + step * c, new Dictionary<string, string?>
                {
                    ["name"] = $"{Words[c % Words.Length]} {Kinds[c / Words.Length % Kinds.Length]} {c}",
                    ["domain"] = domains[c],
                    ["industry"] = Industries[c % Industries.Length],
                    ["country"] = Countries[c % Countries.Length],
                    ["hubspot_owner_id"] = Owner(c, owners),
                });
            }

            for (var p = 0; p < contacts; p++)
            {
                var (first, last, company) = (FirstNames[p % FirstNames.Length], LastNames[p / FirstNames.Length % LastNames.Length], companies == 0 ? -1 : p % companies);
                Seed("contacts", changedFrom + step * (companies + p), new Dictionary<string, string?>
                {
                    ["firstname"] = first,
                    ["lastname"] = last,
                    ["email"] = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}.{p}@{(company < 0 ? "people.example" : domains[company])}",
                    ["jobtitle"] = Titles[p % Titles.Length],
                    ["phone"] = $"+49 30 {p:D7}",
                    ["associatedcompanyid"] = company < 0 ? null : companyIds[company],
                    ["hubspot_owner_id"] = Owner(p, owners),
                });
            }
        }
    }

    /// <summary>Edits made in the portal to every <paramref name="every"/>-th company and contact: a new title or industry and a new modification time; how many.</summary>
    public int TouchEvery(int every, DateTimeOffset at)
    {
        var touched = 0;
        lock (_lock)
        {
            foreach (var type in new[] { "companies", "contacts" })
            {
                var index = 0;
                foreach (var o in _objects[type].Values)
                {
                    if (index++ % every == 0 && !o.Archived)
                    {
                        var change = type == "companies" ? new Dictionary<string, string?> { ["industry"] = Industries[(index + 1) % Industries.Length] }
                            : new Dictionary<string, string?> { ["jobtitle"] = Titles[(index + 3) % Titles.Length] };
                        o.Set(type, change, at);
                        touched++;
                    }
                }
            }
        }

        return touched;
    }

    private string Seed(string type, DateTimeOffset at, Dictionary<string, string?> properties)
    {
        var id = _nextId++;
        var o = new FakeObject(id.ToString(CultureInfo.InvariantCulture), at);
        o.Set(type, properties, at);
        _objects[type][id] = o;
        return o.Id;
    }

    private static string? Owner(int index, int owners) => owners == 0 ? null : (170_000 + index % owners).ToString(CultureInfo.InvariantCulture);
}
