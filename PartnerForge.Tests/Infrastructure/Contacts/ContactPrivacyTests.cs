using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Changes;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Enrichment;
using PartnerForge.Domain.Outreach;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Infrastructure.Outreach;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Playbook;
using PartnerForge.Tests.Infrastructure.Outreach;

namespace PartnerForge.Tests.Infrastructure.Contacts;

/// <summary>
/// Privacy requests on the real infrastructure (SQLite file, demo workspace, a real SMTP server): a person is written to,
/// opens and replies, is named by the intelligence and a committee decision; the export holds all of it, and after the
/// erasure neither their name nor their address is anywhere in the database — not in a text column, not in the file's
/// bytes — while a hashed suppression entry keeps any sequence from writing to the address again.
/// </summary>
public sealed class ContactPrivacyTests : IAsyncLifetime
{
    private const string Name = PrivacyScenario.Name;
    private const string FirstName = "Philippa";
    private const string Email = PrivacyScenario.Email;
    private OutreachFixture _f = null!;
    private Guid _admin;

    public async Task InitializeAsync()
    {
        _f = await OutreachFixture.StartAsync();
        _admin = await _f.Host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "admin@northwind.test").Select(u => u.Id).SingleAsync());
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task The_export_holds_the_contact_their_touches_and_timeline_and_is_audited()
    {
        var (person, _) = await PrivacyScenario.PersonWithHistoryAsync(_f, _admin);

        var export = await AsAdminAsync(s => s.GetRequiredService<ContactPrivacy>().ExportAsync(person));

        export.Succeeded.Should().BeTrue(export.Message);
        export.Value!.FileName.Should().Be("contact-philippa-quorndon.json");
        export.Value.Json.Should().Contain("\n  \"contact\": {", "indented camelCase JSON");
        var root = JsonDocument.Parse(export.Value.Json).RootElement;
        root.GetProperty("contact").GetProperty("fullName").GetString().Should().Be(Name);
        root.GetProperty("contact").GetProperty("email").GetString().Should().Be(Email);
        root.GetProperty("contact").GetProperty("account").GetString().Should().NotBeNullOrWhiteSpace();
        root.GetProperty("contact").GetProperty("owner").GetString().Should().NotBeNullOrWhiteSpace().And.NotContain("@");
        root.GetProperty("lawfulBasis").GetProperty("basis").GetString().Should().Be("Legitimate interest");
        root.GetProperty("enrolments").EnumerateArray().Should().ContainSingle(e => e.GetProperty("sequence").GetString() == "Privacy drill");
        var touch = root.GetProperty("touches").EnumerateArray().Should().ContainSingle().Subject;
        touch.GetProperty("subject").GetString().Should().StartWith("Hi Philippa, a question about ");
        touch.GetProperty("toAddress").GetString().Should().Be(Email);
        touch.GetProperty("sentAtUtc").ValueKind.Should().Be(JsonValueKind.String);
        touch.GetProperty("openedAtUtc").ValueKind.Should().Be(JsonValueKind.String);
        touch.GetProperty("repliedAtUtc").ValueKind.Should().Be(JsonValueKind.String);
        root.GetProperty("suppression").GetProperty("suppressed").GetBoolean().Should().BeFalse();
        root.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("description").GetString())
            .Should().Contain(d => d!.StartsWith($"{Name} replied to ", StringComparison.Ordinal)).And.Contain(d => d!.Contains(Name) && d.Contains("leadership"));
        root.GetProperty("intelligence").EnumerateArray().Should().Contain(f => f.GetProperty("value").GetString() == "Chief Operating Officer");

        var audit = await _f.DbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Exported));
        (audit.UserId, audit.EntityId).Should().Be((_admin, person));
        audit.Changes.Should().Contain($"contact {Name} at ");
    }

    [Fact]
    public async Task Only_a_workspace_admin_may_export_or_erase_and_another_workspaces_contact_is_not_found()
    {
        var (person, _) = await PrivacyScenario.PersonWithHistoryAsync(_f, _admin);
        var globexAdmin = await _f.Host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "admin@globex.test").Select(u => new { u.TenantId, u.Id }).SingleAsync());

        var repExport = await _f.AsRepAsync(s => s.GetRequiredService<ContactPrivacy>().ExportAsync(person));
        var repErase = await _f.AsRepAsync(s => s.GetRequiredService<ContactPrivacy>().EraseAsync(person));
        Result otherExport, otherErase;
        await using (var globex = _f.Host.Scope(globexAdmin.TenantId, globexAdmin.Id))
        {
            otherExport = await globex.ServiceProvider.GetRequiredService<ContactPrivacy>().ExportAsync(person);
            otherErase = await globex.ServiceProvider.GetRequiredService<ContactPrivacy>().EraseAsync(person);
        }

        repExport.Kind.Should().Be(ErrorKind.Forbidden);
        repErase.Kind.Should().Be(ErrorKind.Forbidden);
        otherExport.Kind.Should().Be(ErrorKind.NotFound);
        otherErase.Kind.Should().Be(ErrorKind.NotFound);
        (await _f.DbAsync(db => db.Contacts.AnyAsync(c => c.Id == person))).Should().BeTrue("nothing was erased");
        (await _f.DbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Exported || a.Action == AuditAction.Erased))).Should().BeFalse();
    }

    [Fact]
    public async Task After_erasure_the_name_and_address_are_nowhere_in_the_database_and_the_address_stays_suppressed()
    {
        var (person, other) = await PrivacyScenario.PersonWithHistoryAsync(_f, _admin);
        (await TextColumnsMentioningAsync(Name)).Should().NotBeEmpty("the scan finds the person before the erasure");
        (await AsAdminAsync(s => s.GetRequiredService<ContactPrivacy>().ExportAsync(person))).Succeeded.Should().BeTrue();

        var erased = await AsAdminAsync(s => s.GetRequiredService<ContactPrivacy>().EraseAsync(person));

        erased.Succeeded.Should().BeTrue(erased.Message);
        erased.Value!.Should().Match<ErasureSummary>(e => e.Suppressed && e.Enrolments == 1 && e.Touches == 1 && e.TimelineEntries >= 3 && e.Snapshots == 1
            && e.CommitteeDecisions == 1 && e.AuditEntries >= 2 && e.Alerts >= 1);
        foreach (var needle in new[] { Name, Email, FirstName, "Quorndon" })
        {
            (await TextColumnsMentioningAsync(needle)).Should().BeEmpty($"no text column holds “{needle}” after the erasure");
            DatabaseFilesMentioning(needle).Should().BeEmpty($"no byte of the database files spells “{needle}”");
        }

        (await TextColumnsMentioningAsync("Ben Okafor")).Should().NotBeEmpty("the other person at the account is untouched");
        (await _f.DbAsync(db => db.Touches.CountAsync(t => t.ContactId == other && t.Subject != null))).Should().Be(1);
        var audit = await _f.DbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == AuditAction.Erased));
        audit.UserId.Should().Be(_admin);
        audit.Changes.Should().Contain("Erased a contact at ").And.Contain("hash on the suppression list");
        var log = await AsAdminAsync(s => s.GetRequiredService<PartnerForge.Infrastructure.Administration.AuditLog>().SearchAsync(new(Text: "Erased a contact"), acrossTenants: false));
        log.Rows.Should().ContainSingle().Which.Words.Summary.Should().StartWith("Alex Admin: Erased a contact at ");
        var snapshot = await _f.DbAsync(db => db.IntelSnapshots.SingleAsync(s => s.Module == "M09" && s.CanonicalJson.Contains("(erased)")));
        snapshot.Hash.Should().Be(CanonicalJson.Hash(snapshot.CanonicalJson), "the scrubbed snapshot is valid canonical JSON with its hash made again");
        (await _f.DbAsync(db => db.SnapshotHeads.SingleAsync(h => h.SnapshotId == snapshot.Id))).Hash.Should().Be(snapshot.Hash);
        (await _f.DbAsync(db => db.Alerts.Select(a => a.Title).ToListAsync())).Should().Contain(t => t.Contains("(erased) replied to an e-mail"));

        var tenant = _f.Tenant;
        var suppression = await _f.DbAsync(db => db.SuppressedAddresses.SingleAsync(s => s.AddressHash == SuppressedAddress.Hash(tenant, Email)));
        suppression.Reason.Should().Be(SuppressionReason.Erased);
        (await _f.AsRepAsync(s => s.GetRequiredService<SuppressionList>().ContainsAsync(Email.ToUpperInvariant()))).Should().BeTrue();
        var again = await _f.ContactAsync("P. Quorndon", Email, "Europe/London");
        var sequence = await _f.SequenceAsync("After erasure", new StepInput(StepKind.Email, Subject: "Hello again", Body: "Hello."));
        var summary = await _f.EnrolAsync(sequence, again);
        summary.Enrolled.Should().Be(0, "the address is on the suppression list");
        summary.NotEnrolled.Should().ContainSingle().Which.Should().Contain("suppression");
    }

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _f.Host.Scope(_f.Tenant, _admin);
        return await work(scope.ServiceProvider);
    }

    /// <summary>"Table.Column" for every text-holding column of every table where the needle appears in any letter case.</summary>
    private Task<List<string>> TextColumnsMentioningAsync(string needle) => _f.Host.AsSystemAsync(async db =>
    {
        var found = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var tables = await Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table'");
        foreach (var table in tables)
        {
            foreach (var column in await Strings(connection, $"SELECT name FROM pragma_table_info('{table}')"))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE instr(lower(CAST(\"{column}\" AS TEXT)), lower($needle)) > 0";
                var parameter = command.CreateParameter();
                (parameter.ParameterName, parameter.Value) = ("$needle", needle);
                command.Parameters.Add(parameter);
                if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    found.Add($"{table}.{column}");
                }
            }
        }

        return found;
    });

    private static async Task<List<string>> Strings(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>The database files (main file and write-ahead log) whose raw bytes spell the needle, ASCII letters in any case.</summary>
    private List<string> DatabaseFilesMentioning(string needle)
    {
        var lower = needle.ToLowerInvariant();
        return Directory.GetFiles(_f.Host.DataDirectory, "partnerforge.db*")
            .Where(path => ReadShared(path).ToLowerInvariant().Contains(lower, StringComparison.Ordinal))
            .Select(Path.GetFileName).ToList()!;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }
}

/// <summary>The person the privacy tests erase, with a history in every place the workspace keeps one.</summary>
internal static class PrivacyScenario
{
    public const string Name = "Philippa Quorndon";
    public const string Email = "philippa.quorndon@vantage-erase.example";

    /// <summary>
    /// Philippa (and Ben, who stays) are e-mailed by a one-step sequence; Philippa opens and replies. The intelligence names
    /// her (an M09 snapshot and its change) and an admin records her buying-committee role. Returns both contacts.
    /// </summary>
    public static async Task<(Guid Person, Guid Other)> PersonWithHistoryAsync(OutreachFixture f, Guid admin)
    {
        var person = await f.ContactAsync(Name, Email, "Europe/London");
        var other = await f.ContactAsync("Ben Okafor", "ben@okafor.example", "Europe/London");
        var sequence = await f.SequenceAsync("Privacy drill",
            new StepInput(StepKind.Email, Subject: "Hi {{first_name}}, a question about {{account_name}}", Body: "Hello {{first_name}},\n\nA question.\n\n{{sender_name}}"));
        (await f.EnrolAsync(sequence, person, other)).Enrolled.Should().Be(2);
        (await f.DispatchAsync()).Sent.Should().Be(2);
        var touch = await f.DbAsync(db => db.Touches.SingleAsync(t => t.ContactId == person));
        await f.AsRepAsync(s => s.GetRequiredService<EngagementService>().RecordLinkAsync(new LinkTarget(LinkKind.Open, f.Tenant, touch.Id, null)));
        f.Clock.Advance(TimeSpan.FromMinutes(30));
        (await f.AsRepAsync(s => s.GetRequiredService<EngagementService>().RecordInboundAsync(touch.MessageId!, EngagementKind.Replied))).Should().BeTrue();
        await IntelligenceNamingAsync(f);
        await using (var scope = f.Host.Scope(f.Tenant, admin))
        {
            await scope.ServiceProvider.GetRequiredService<BuyingCommittee>().SetOverrideAsync(f.Company, Name, CommitteeRole.Champion);
        }

        return (person, other);
    }

    private static Task<int> IntelligenceNamingAsync(OutreachFixture f) => f.DbAsync(async db =>
    {
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var source = new SourceRef("https://account.example/leadership", now, "json-ld", $"{Name}, Chief Operating Officer — write to {Email}");
        var json = CanonicalJson.FromFacts([new Fact($"executive[{Name}]", "Chief Operating Officer", source), new Fact($"executive[{Name}].title", "Chief Operating Officer", source),
            new Fact("executive[Ben Okafor].title", "CFO", source)]);
        var snapshot = new IntelSnapshot(f.Company, "M09", Guid.NewGuid(), now, json, 3, null);
        db.IntelSnapshots.Add(snapshot);
        var head = await db.SnapshotHeads.SingleOrDefaultAsync(h => h.CompanyId == f.Company && h.Module == "M09");
        if (head is null)
        {
            db.SnapshotHeads.Add(new SnapshotHead(f.Company, "M09", snapshot.Id, snapshot.Hash, now));
        }
        else
        {
            head.Advance(snapshot.Id, snapshot.Hash, now);
        }

        db.ChangeEvents.Add(new ChangeEvent(f.Company, snapshot.Id, null,
            new DetectedChange("M09", $"executive[{Name}]", ChangeKind.Added, null, "Chief Operating Officer", 60, "executive.added", null), now));
        return await db.SaveChangesAsync();
    });
}
