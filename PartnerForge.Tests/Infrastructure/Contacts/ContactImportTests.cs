using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Tests.Support;
using static PartnerForge.Tests.Infrastructure.Accounts.ImportTestKit;

namespace PartnerForge.Tests.Infrastructure.Contacts;

/// <summary>Contact CSV import through the account import's pipeline (upload, mapping, Quartz job, error file, revert) on a real SQLite file.</summary>
public sealed class ContactImportTests : IAsyncLifetime
{
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Contacts", "Fixtures", "contacts-sample.csv");

    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private Guid _rep;
    private Guid _manager;
    private Dictionary<string, Guid> _accounts = [];

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_northwind, _globex, _rep) = await DemoIdsAsync(_host);
        _manager = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == "manager@northwind.test").Select(u => u.Id).SingleAsync());
        _accounts = await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().ToDictionaryAsync(c => c.Domain, c => c.Id));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<List<Contact>> ContactsAsync(Guid tenantId) =>
        _host.AsSystemAsync(db => db.Contacts.IgnoreQueryFilters().Where(c => c.TenantId == tenantId).ToListAsync());

    private static byte[] Utf8(string csv) => Encoding.UTF8.GetBytes(csv);

    /// <summary>Row number → reason, from the downloadable error file.</summary>
    private async Task<Dictionary<string, string>> ReasonsAsync(Guid tenantId, Guid importId) =>
        (await ErrorRowsAsync(_host, tenantId, importId)).Skip(1).ToDictionary(r => r[0], r => r[1]);

    [Fact]
    public async Task The_sample_file_creates_contacts_at_their_accounts_owned_by_the_importer_and_refuses_bad_rows_with_reasons()
    {
        var job = await ImportContactsAsync(_host, _northwind, _manager, await File.ReadAllBytesAsync(SamplePath));

        job.State.Should().Be(ImportJobState.Completed, job.Failure);
        (job.Kind, job.RowsRead, job.Created, job.Updated, job.Errors, job.Duplicates).Should().Be((ImportKind.Contacts, 44L, 37L, 0L, 7L, 1L));
        var contacts = (await ContactsAsync(_northwind)).ToDictionary(c => c.Email!);
        contacts.Should().HaveCount(37);
        contacts.Values.Should().OnlyContain(c => c.OwnerId == _manager && c.ImportId == job.Id, "the importing user owns what the import created");

        var marcus = contacts["marcus.lindqvist@acme-outdoor.test"];
        (marcus.FullName, marcus.Title, marcus.TimeZone, marcus.Role, marcus.LawfulBasis, marcus.ConsentAtUtc, marcus.CompanyId)
            .Should().Be(("Marcus Lindqvist", "VP, Operations", "America/Denver", CommitteeRole.Champion, LawfulBasis.Consent,
                new DateTime(2025, 3, 14, 0, 0, 0, DateTimeKind.Utc), _accounts["acme-outdoor.test"]), "a Windows time zone id is stored as its IANA id");
        contacts["lukas.becker@evergreen-fintech.test"].TimeZone.Should().Be("Europe/Berlin");
        contacts["priya.raman@acme-outdoor.test"].Role.Should().Be(CommitteeRole.TechnicalBuyer);
        contacts["grace.whitfield@acme-outdoor.test"].FullName.Should().Be("Grace Whitfield", "addresses are stored lower case");
        contacts["tomas.herrera@acme-outdoor.test"].CompanyId.Should().Be(_accounts["acme-outdoor.test"], "without an account domain, the address's domain finds the account");
        var hugo = contacts["hugo.martin@eu.foxglove.test"];
        (hugo.CompanyId, hugo.TimeZone).Should().Be((_accounts["foxglove.test"], "Europe/Paris"), "a subdomain of the address finds its parent domain's account");
        contacts["hannah.okafor@acme-outdoor.test"].Title.Should().Be("Chief Executive Officer", "the first row of an address wins");

        var reasons = await ReasonsAsync(_northwind, job.Id);
        reasons.Keys.Should().BeEquivalentTo(["11", "14", "16", "24", "32", "33", "41"]);
        reasons["11"].Should().Be("'tom.at.brightline-logistics.test' is not an e-mail address like name@company.com.");
        reasons["14"].Should().Contain("sara@@cobalthealth.test").And.Contain("not an e-mail address");
        reasons["24"].Should().Contain("li@evergreen-fintech");
        reasons["16"].Should().Be("Consent needs the date the person gave it.");
        reasons["32"].Should().Be("No account has the domain umbrella-corp.test; add the account first (a contact import creates no accounts).");
        reasons["33"].Should().Contain("(gmail.test)").And.Contain("no account domain");
        reasons["41"].Should().Be("Duplicate of row 2 (same e-mail address, hannah.okafor@acme-outdoor.test).");
        (await ErrorRowsAsync(_host, _northwind, job.Id)).Single(r => r[0] == "41")[4].Should().Be("HANNAH.OKAFOR@acme-outdoor.test", "the error file keeps the row as it was");
        (await _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().AnyAsync(c => c.Domain == "umbrella-corp.test"))).Should().BeFalse("a contact import creates no accounts");
        (await ContactsAsync(_globex)).Should().BeEmpty();
    }

    [Fact]
    public async Task Another_workspaces_accounts_are_never_found()
    {
        var job = await ImportContactsAsync(_host, _globex, null, await File.ReadAllBytesAsync(SamplePath));

        (job.Created, job.Errors).Should().Be((0L, 44L));
        (await ReasonsAsync(_globex, job.Id))["2"].Should().Be("No account has the domain acme-outdoor.test; add the account first (a contact import creates no accounts).");
        (await ContactsAsync(_globex)).Should().BeEmpty();
        (await ContactsAsync(_northwind)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_existing_contact_is_updated_with_the_rows_non_empty_cells_matched_whatever_the_case_and_revert_restores_it()
    {
        var dana = await CreateDanaAsync();
        var csv = "Name,E-mail,Job Title,Phone,Time zone,Company Domain\r\n"
            + "Dana Reyes-Smith,DANA@Acme-Outdoor.test,CMO,,,brightline-logistics.test\r\n"
            + "New Person,new.person@cobalthealth.test,Analyst,,Europe/London,\r\n";

        var job = await ImportContactsAsync(_host, _northwind, _manager, Utf8(csv));

        (job.Created, job.Updated, job.Unchanged, job.Errors).Should().Be((1L, 1L, 0L, 0L));
        var updated = (await ContactsAsync(_northwind)).Single(c => c.Id == dana);
        (updated.FullName, updated.Title, updated.Phone, updated.TimeZone, updated.Role, updated.OwnerId, updated.CompanyId, updated.ImportId)
            .Should().Be(("Dana Reyes-Smith", "CMO", "+1 555 0100", "America/Denver", CommitteeRole.EconomicBuyer, _rep, _accounts["brightline-logistics.test"], null),
                "empty cells keep the contact's values, the owner stays, and a named account moves the contact");

        var again = await ImportContactsAsync(_host, _northwind, _manager, Utf8(csv));
        (again.Created, again.Updated, again.Unchanged).Should().Be((0L, 0L, 2L), "the same file again changes nothing");

        await using (var scope = _host.Scope(_northwind, _manager))
        {
            var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
            (await imports.RevertAsync(job.Id)).Should().BeTrue();
            (await imports.RevertAsync(job.Id)).Should().BeFalse("an import is reverted once");
        }

        var contacts = await ContactsAsync(_northwind);
        contacts.Should().ContainSingle("reverting deletes the contact the import created");
        var restored = contacts.Single();
        (restored.Id, restored.FullName, restored.Title, restored.Phone, restored.CompanyId, restored.OwnerId)
            .Should().Be((dana, "Dana Reyes", "VP Marketing", "+1 555 0100", _accounts["acme-outdoor.test"], _rep));
    }

    [Fact]
    public async Task Create_only_skips_existing_contacts_and_update_only_skips_new_ones_with_reasons()
    {
        await CreateDanaAsync();
        var csv = "Full Name,Email,Title\nDana Reyes,dana@acme-outdoor.test,CMO\nNew Person,new.person@cobalthealth.test,Analyst\n";

        var createOnly = await ImportContactsAsync(_host, _northwind, _manager, Utf8(csv), ImportMode.CreateOnly);
        (createOnly.Created, createOnly.Updated, createOnly.Errors).Should().Be((1L, 0L, 1L));
        (await ReasonsAsync(_northwind, createOnly.Id))["2"].Should().Be("Dana Reyes already has the address dana@acme-outdoor.test; create-only mode changes no contact.");

        var csv2 = "Full Name,Email,Title\nDana Reyes,dana@acme-outdoor.test,CMO\nOther Person,other.person@cobalthealth.test,Analyst\n";
        var updateOnly = await ImportContactsAsync(_host, _northwind, _manager, Utf8(csv2), ImportMode.UpdateOnly);
        (updateOnly.Created, updateOnly.Updated, updateOnly.Errors).Should().Be((0L, 1L, 1L));
        (await ReasonsAsync(_northwind, updateOnly.Id))["3"].Should().Be("No contact has the address other.person@cobalthealth.test; update-only mode creates none.");
        var contacts = await ContactsAsync(_northwind);
        contacts.Select(c => c.Email).Should().BeEquivalentTo(["dana@acme-outdoor.test", "new.person@cobalthealth.test"]);
        contacts.Single(c => c.Email == "dana@acme-outdoor.test").Title.Should().Be("CMO");
    }

    [Fact]
    public async Task A_repeated_address_in_a_later_batch_is_a_duplicate_and_a_row_naming_an_unknown_account_does_not_move_a_contact()
    {
        _host.Services.GetRequiredService<IOptions<ImportSettings>>().Value.BatchSize = 100;
        await CreateDanaAsync();
        var csv = new StringBuilder("First Name,Last Name,E-mail,Company Domain\n");
        for (var i = 1; i <= 150; i++)
        {
            csv.Append("Person,").Append(i).Append(",person").Append(i).Append("@driftwood-home.test,\n");
        }

        csv.Append("Person,Again,PERSON7@driftwood-home.test,\n");        // row 152: repeats row 8, in the batch after it
        csv.Append("Dana,Reyes,dana@acme-outdoor.test,umbrella-corp.test\n"); // row 153: existing contact, unknown account

        var job = await ImportContactsAsync(_host, _northwind, _manager, Utf8(csv.ToString()));

        (job.RowsRead, job.Created, job.Updated, job.Duplicates, job.Errors).Should().Be((152L, 150L, 0L, 1L, 2L));
        var reasons = await ReasonsAsync(_northwind, job.Id);
        reasons["152"].Should().Be("Duplicate of an earlier row of this file (this import already wrote the contact with the address person7@driftwood-home.test).");
        reasons["153"].Should().StartWith("No account has the domain umbrella-corp.test");
        (await ContactsAsync(_northwind)).Single(c => c.Email == "person7@driftwood-home.test").FullName.Should().Be("Person 7");
    }

    [Fact]
    public async Task A_contact_mapping_without_an_email_column_cannot_start()
    {
        await using var scope = _host.Scope(_northwind, _manager);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        var staged = await imports.StageAsync(new MemoryStream(Utf8("Name,Title\nAda Lovelace,Analyst\n")), "people.csv", 1024 * 1024, ImportKind.Contacts);
        staged.SuggestedMapping.Should().Equal(ImportField.FullName, ImportField.Title);

        var start = () => imports.StartAsync(new ImportRequest(staged.UploadId, "people.csv", staged.SuggestedMapping, ImportMode.CreateAndUpdate, [MatchField.Email], ImportKind.Contacts));
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("Contacts are matched on their e-mail address, but no column is mapped to Email.");
        var accountFields = () => imports.StartAsync(new ImportRequest(staged.UploadId, "people.csv", [ImportField.FullName, ImportField.Industry], ImportMode.CreateAndUpdate, [MatchField.Email], ImportKind.Contacts));
        (await accountFields.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("Industry is not a field of a contact.");
    }

    private async Task<Guid> CreateDanaAsync()
    {
        await using var scope = _host.Scope(_northwind, _rep);
        var created = await scope.ServiceProvider.GetRequiredService<ContactService>().CreateAsync(_accounts["acme-outdoor.test"],
            new ContactInput("Dana Reyes", "VP Marketing", "dana@acme-outdoor.test", "+1 555 0100", "America/Denver", CommitteeRole.EconomicBuyer, LawfulBasis.LegitimateInterest, null), _rep);
        created.Succeeded.Should().BeTrue(created.Message);
        return created.Value;
    }
}
