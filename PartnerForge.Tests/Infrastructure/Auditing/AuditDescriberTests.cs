using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Auditing;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Auditing;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Auditing;

/// <summary>The audit log and account history in words, over the demo workspace on a real SQLite database.</summary>
public sealed partial class AuditDescriberTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _tenant;
    private Guid _rep;
    private Guid _manager;
    private Guid _company;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_tenant, _rep, _manager, _company) = await _host.AsSystemAsync(async db =>
        {
            var users = await db.Users.IgnoreQueryFilters().ToDictionaryAsync(u => u.Email, u => u);
            var rep = users["rep@northwind.test"];
            var company = await db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == rep.TenantId).OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
            return (rep.TenantId, rep.Id, users["manager@northwind.test"].Id, company);
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("OwnerId", "owner")]
    [InlineData("EmployeeBand", "employee band")]
    [InlineData("Tier", "tier")]
    [InlineData("CreatedAtUtc", "created at")]
    public void Field_names_read_as_words(string field, string expected) => AuditDescriber.FieldLabel(field).Should().Be(expected);

    [Fact]
    public void Times_read_as_dates_and_empty_fields_are_left_out()
    {
        AuditDescriber.Value("2026-12-04T19:32:06.661098Z", typeof(DateTime), new Dictionary<System.Guid, string>()).Should().Be("4 Dec 2026 19:32 UTC");
        AuditDescriber.Value("2026-12-04T19:32:06Z", null, new Dictionary<System.Guid, string>()).Should().Be("4 Dec 2026 19:32 UTC", "a timestamp reads as one whatever the field");
        AuditDescriber.Value("2026-12-04", typeof(DateOnly), new Dictionary<System.Guid, string>()).Should().Be("4 Dec 2026");
        AuditDescriber.Value("2026-12 plan", null, new Dictionary<System.Guid, string>()).Should().Be("2026-12 plan");

        var words = AuditDescriber.Describe(new AuditInput("Ada Lovelace", AuditAction.Created, "Company", System.Guid.Empty, "{}"),
            [new RawField("Industry", null, null), new RawField("Name", null, "Acme"), new RawField("CreatedAtUtc", null, "2026-12-04T19:32:06Z")], null, new Dictionary<System.Guid, string>());
        words.Lines.Select(l => (l.Field, l.New)).Should().Equal(("name", "Acme"), ("created at", "4 Dec 2026 19:32 UTC"));
    }

    [Fact]
    public void Sentences_say_who_did_what()
    {
        AuditDescriber.Sentence("Ada Lovelace", "owner", "Riley Rep", "Ben Rep").Should().Be("Ada Lovelace changed the owner from Riley Rep to Ben Rep");
        AuditDescriber.Sentence("Ada Lovelace", "tier", null, "A").Should().Be("Ada Lovelace set the tier to A");
        AuditDescriber.Sentence("Ada Lovelace", "industry", "Retail", null).Should().Be("Ada Lovelace cleared the industry (was Retail)");
    }

    [Fact]
    public async Task A_stored_entry_with_enum_numbers_and_ids_reads_with_names_in_the_history_and_the_log()
    {
        // An entry as written before enums were stored by name: tier 2 and raw user ids.
        await _host.AsSystemAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry(_tenant, _manager, AuditAction.Updated, nameof(Company), _company,
                "{\"Tier\":{\"old\":null,\"new\":2},\"OwnerId\":{\"old\":\"" + _manager + "\",\"new\":\"" + _rep + "\"}}", "test", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        // And one written now through the interceptor.
        await using (var scope = _host.Scope(_tenant, _manager))
        {
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            var company = await db.Companies.SingleAsync(c => c.Id == _company);
            company.SetTier(AccountTier.A, DateTime.UtcNow.AddSeconds(1));
            await db.SaveChangesAsync();
        }

        await using var read = _host.Scope(_tenant, _manager);
        var history = await read.ServiceProvider.GetRequiredService<AccountQueries>().HistoryAsync(_company);
        var sentences = history.SelectMany(h => h.Changes).Select(c => c.Sentence).ToList();

        var manager = ManagerName(history);
        sentences.Should().Contain($"{manager} changed the owner from {manager} to Riley Rep")
            .And.Contain(s => s.EndsWith("set the tier to B", StringComparison.Ordinal))
            .And.Contain(s => s.EndsWith("to A", StringComparison.Ordinal) && s.Contains("tier", StringComparison.Ordinal));
        history.Should().OnlyContain(h => h.Summary.Contains("updated the account", StringComparison.Ordinal) || h.Summary.Contains("created the account", StringComparison.Ordinal));

        var log = await read.ServiceProvider.GetRequiredService<AuditLog>().SearchAsync(new AuditSearch(PageSize: 200), acrossTenants: false);
        AssertPlainWords(log.Rows.SelectMany(r => r.Words.Lines.Select(l => $"{l.Field}: {l.Old} → {l.New} | {l.Sentence}").Prepend(r.Words.Summary)));
        AssertPlainWords(history.SelectMany(h => h.Changes.Select(c => $"{c.Field}: {c.Old} → {c.New} | {c.Sentence}").Prepend(h.Summary)));
    }

    private static string ManagerName(IReadOnlyList<AccountHistoryItem> history) =>
        history.Select(h => h.Who).First(w => w != AuditDescriber.System);

    /// <summary>No GUID, no bare number after an enum field name, no internal path.</summary>
    internal static void AssertPlainWords(IEnumerable<string> texts)
    {
        var list = texts.ToList();
        list.Should().NotBeEmpty();
        foreach (var text in list)
        {
            Guid().IsMatch(text).Should().BeFalse($"'{text}' shows an id");
            BareEnum().IsMatch(text).Should().BeFalse($"'{text}' shows an enum number");
            text.Should().NotContainAny("[", "]");
        }
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"^(tier|status|action|kind|digest|digest day|digest frequency): (-?\d+ →|.*→ -?\d+ \|)", RegexOptions.IgnoreCase)]
    private static partial Regex BareEnum();
}
