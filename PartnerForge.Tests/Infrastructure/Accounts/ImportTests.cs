using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Domain.Auditing;
using PartnerForge.Infrastructure.Accounts.Export;
using PartnerForge.Infrastructure.Accounts.Import;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;
using static PartnerForge.Tests.Infrastructure.Accounts.ImportTestKit;

namespace PartnerForge.Tests.Infrastructure.Accounts;

/// <summary>CSV import end to end on a real SQLite database, through the Quartz job.</summary>
public sealed class ImportTests : IAsyncLifetime
{
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private Guid _rep;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_northwind, _globex, _rep) = await DemoIdsAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<List<Company>> CompaniesAsync(Guid tenantId) =>
        _host.AsSystemAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == tenantId).ToListAsync());

    private Task<List<string>> TagsAsync(Guid companyId) =>
        _host.AsSystemAsync(db => db.CompanyTags.IgnoreQueryFilters().Where(t => t.CompanyId == companyId).OrderBy(t => t.Tag).Select(t => t.Tag).ToListAsync());

    [Fact]
    public async Task Create_and_update_creates_new_accounts_updates_matched_ones_and_leaves_equal_ones()
    {
        var csv = "Company,Website,Industry,Country,Employees,Tags,Owner,Tier\r\n"
            + "Nimbus Cloud,https://www.nimbus-cloud.test/,Software,Germany,120,\"partner; EU\",rep@northwind.test,A\r\n"
            + "Acme Outdoor Supply,acme-outdoor.test,Retail,FR,,vip,,\r\n"
            + "Brightline Logistics,brightline-logistics.test,,,,,,\r\n";

        var job = await ImportAsync(_host, _northwind, csv);

        job.State.Should().Be(ImportJobState.Completed, job.Failure);
        (job.RowsRead, job.Created, job.Updated, job.Unchanged, job.Errors).Should().Be((3L, 1L, 1L, 1L, 0L));
        _host.Services.GetRequiredService<PartnerForge.Infrastructure.Observability.MetricsSnapshot>().Read().ImportRowsByResult
            .Should().BeEquivalentTo(new Dictionary<string, long> { ["created"] = 1, ["updated"] = 1, ["unchanged"] = 1 }, "partnerforge.import.rows counts each committed batch");
        var companies = await CompaniesAsync(_northwind);
        var nimbus = companies.Single(c => c.Domain == "nimbus-cloud.test");
        (nimbus.Name, nimbus.Industry, nimbus.Country, nimbus.EmployeeBand, nimbus.OwnerId, nimbus.Tier, nimbus.ImportId)
            .Should().Be(("Nimbus Cloud", "Software", "DE", "51-200", _rep, AccountTier.A, job.Id));
        (await TagsAsync(nimbus.Id)).Should().Equal("EU", "partner");
        var acme = companies.Single(c => c.Domain == "acme-outdoor.test");
        (acme.Industry, acme.Country, acme.ImportId).Should().Be(("Retail", "FR", null));
        (await TagsAsync(acme.Id)).Should().Contain("vip");

        // The update went through the audit interceptor; the created rows have one summary entry.
        var audit = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == acme.Id || a.EntityId == job.Id).ToListAsync());
        audit.Should().Contain(a => a.EntityId == acme.Id && a.Action == AuditAction.Updated && a.Changes.Contains("\"FR\""));
        audit.Should().Contain(a => a.EntityId == job.Id && a.Changes.Contains("\"created\""));
    }

    [Fact]
    public async Task Create_only_skips_matched_rows_and_update_only_skips_new_ones_with_reasons()
    {
        var csv = "Name,Domain,Industry\nAcme Outdoor Supply,acme-outdoor.test,Outdoor Retail\nNew One,new-one.test,Media\n";

        var createOnly = await ImportAsync(_host, _northwind, csv, ImportMode.CreateOnly);
        (createOnly.Created, createOnly.Updated, createOnly.Errors).Should().Be((1L, 0L, 1L));
        (await ErrorRowsAsync(_host, _northwind, createOnly.Id)).Skip(1).Single()[..2].Should().Equal("2", "The account Acme Outdoor Supply (acme-outdoor.test) already matches this row; create-only mode changes none.");
        (await CompaniesAsync(_northwind)).Single(c => c.Domain == "acme-outdoor.test").Industry.Should().NotBe("Outdoor Retail");

        var csv2 = "Name,Domain,Industry\nAcme Outdoor Supply,acme-outdoor.test,Outdoor Retail\nOther New,other-new.test,Media\n";
        var updateOnly = await ImportAsync(_host, _northwind, csv2, ImportMode.UpdateOnly);
        (updateOnly.Created, updateOnly.Updated, updateOnly.Errors).Should().Be((0L, 1L, 1L));
        (await ErrorRowsAsync(_host, _northwind, updateOnly.Id))[1][1].Should().Contain("update-only");
        var companies = await CompaniesAsync(_northwind);
        companies.Should().NotContain(c => c.Domain == "other-new.test");
        companies.Single(c => c.Domain == "acme-outdoor.test").Industry.Should().Be("Outdoor Retail");
    }

    [Fact]
    public async Task Rows_can_match_on_name_or_on_name_and_country()
    {
        // On name: the existing account gets the file's new domain.
        var byName = await ImportAsync(_host, _northwind, "Name,Domain,Country\nACME Outdoor Supply,acme-outdoor.example,FR\n", ImportMode.UpdateOnly, [MatchField.Name]);
        byName.Updated.Should().Be(1);
        var acme = (await CompaniesAsync(_northwind)).Single(c => c.SearchName == "acme outdoor supply");
        (acme.Name, acme.Domain, acme.Country).Should().Be(("ACME Outdoor Supply", "acme-outdoor.example", "FR"), "a name match is case-insensitive; the file's spelling is an update");

        // On name + country: same name in another country is another account.
        var byNameCountry = await ImportAsync(_host, _northwind,
            "Name,Domain,Country\nACME Outdoor Supply,acme-outdoor.de,DE\nACME Outdoor Supply,,France\n", ImportMode.CreateAndUpdate,
            [MatchField.Name, MatchField.Country]);
        (byNameCountry.Created, byNameCountry.Unchanged, byNameCountry.Errors).Should().Be((1L, 1L, 0L));
        (await CompaniesAsync(_northwind)).Where(c => c.SearchName == "acme outdoor supply").Select(c => c.Country).Should().BeEquivalentTo(["FR", "DE"]);
    }

    [Fact]
    public async Task Revert_deletes_what_the_import_created_and_restores_what_it_changed()
    {
        var before = await CompaniesAsync(_northwind);
        var cobalt = before.Single(c => c.Domain == "cobalthealth.test");
        var demoTags = await TagsAsync(cobalt.Id);
        await using (var scope = _host.Scope(_northwind))
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
            db.CompanyTags.Add(new CompanyTag(cobalt.Id, "Existing"));
            await db.SaveChangesAsync();
        }

        var csv = "Name,Domain,Industry,Tags,Tier\nCobalt Health,cobalthealth.test,Healthcare,New Tag,B\nZephyr Labs,zephyr.test,Biotech,lab,C\n";
        var job = await ImportAsync(_host, _northwind, csv);
        (job.Created, job.Updated).Should().Be((1L, 1L));
        (await CompaniesAsync(_northwind)).Single(c => c.Id == cobalt.Id).Name.Should().Be("Cobalt Health");
        (await TagsAsync(cobalt.Id)).Should().BeEquivalentTo(demoTags.Concat(["Existing", "New Tag"]));

        await using (var scope = _host.Scope(_northwind))
        {
            var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
            (await imports.RevertAsync(job.Id)).Should().BeTrue();
            (await imports.RevertAsync(job.Id)).Should().BeFalse("an import is reverted once");
            (await imports.FindAsync(job.Id))!.State.Should().Be(ImportJobState.Reverted);
        }

        var after = await CompaniesAsync(_northwind);
        after.Should().NotContain(c => c.Domain == "zephyr.test");
        after.Select(c => (c.Id, c.Name, c.Domain, c.Industry, c.Tier)).Should().BeEquivalentTo(before.Select(c => (c.Id, c.Name, c.Domain, c.Industry, c.Tier)));
        (await TagsAsync(cobalt.Id)).Should().BeEquivalentTo(demoTags.Append("Existing"));
        (await _host.AsSystemAsync(db => db.CompanyTags.IgnoreQueryFilters().CountAsync(t => t.Tag == "lab"))).Should().Be(0);
    }

    public static TheoryData<string, bool, string> Encodings => new()
    {
        { "utf-8", true, "," },
        { "utf-8", false, ";" },
        { "utf-16le", true, "\t" },
        { "utf-16be", true, "," },
        { "utf-16le", false, ";" },
        { "windows-1252", false, ";" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Encodings_and_delimiters_are_detected_and_quoted_newlines_kept(string encodingName, bool bom, string delimiter)
    {
        var d = delimiter;
        var csv = $"Name{d}Domain{d}Industry\r\nMüller Ünternehmen{d}mueller.test{d}\"Maschinen{d} Anlagen\r\nund Zubehör\"\r\nCafé Crème{d}cafe-creme.test{d}Gastronomie\r\n";
        var encoding = EncodingNames.Get(encodingName);

        var job = await ImportAsync(_host, _globex, csv, encoding: encoding, bom: bom);

        job.State.Should().Be(ImportJobState.Completed, job.Failure);
        job.Encoding.Should().Be(encodingName);
        job.Delimiter.Should().Be(delimiter[0]);
        job.Created.Should().Be(2);
        var companies = await CompaniesAsync(_globex);
        companies.Single(c => c.Domain == "mueller.test").Name.Should().Be("Müller Ünternehmen");
        companies.Single(c => c.Domain == "mueller.test").Industry.Should().Be($"Maschinen{d} Anlagen\r\nund Zubehör");
        companies.Single(c => c.Domain == "cafe-creme.test").Name.Should().Be("Café Crème");
    }

    [Fact]
    public async Task Malformed_and_invalid_rows_go_to_the_error_file_and_every_other_row_is_imported()
    {
        var csv = "Name,Domain,Country\n"
            + "Good One,good-one.test,DE\n"
            + "Too,Many,Fields,Here\n"
            + "Bad Quote,bad\"quote.test,DE\n"
            + "No Domain Here,not a domain,DE\n"
            + "Good Two,good-two.test,Atlantis\n"
            + "Good Three,good-three.test,FR\n"
            + "Short Row\n";

        var job = await ImportAsync(_host, _globex, csv);

        job.State.Should().Be(ImportJobState.Completed);
        (job.RowsRead, job.Created, job.Errors).Should().Be((7L, 2L, 5L));
        var errors = await ErrorRowsAsync(_host, _globex, job.Id);
        errors[0].Should().Equal("Row", "Reason", "Name", "Domain", "Country");
        errors.Skip(1).Select(e => e[0]).Should().Equal("3", "4", "5", "6", "8");
        errors[1][1].Should().Contain("4 fields; the header has 3");
        errors[2][1].Should().Contain("quotes are malformed");
        errors[3][1].Should().Contain("not a domain like");
        errors[4][1].Should().Contain("Atlantis");
        errors[4][2..].Should().Equal("Good Two", "good-two.test", "Atlantis");
        (await CompaniesAsync(_globex)).Select(c => c.Domain).Should().Contain(["good-one.test", "good-three.test"]);
    }

    [Fact]
    public async Task Duplicate_rows_are_reported_within_a_batch_and_across_batches()
    {
        _host.Services.GetRequiredService<IOptions<ImportSettings>>().Value.BatchSize = 100;
        var csv = new StringBuilder("Name,Domain\n");
        for (var i = 1; i <= 250; i++)
        {
            csv.Append("Company ").Append(i).Append(",company-").Append(i).Append(".test\n");
        }

        csv.Append("Again 5,company-5.test\n");       // row 252: repeats row 6, two batches earlier
        csv.Append("Again 250,www.company-250.test\n"); // row 253: repeats row 251 (normalized domain), same batch

        var job = await ImportAsync(_host, _globex, csv.ToString());

        (job.RowsRead, job.Created, job.Duplicates, job.Errors).Should().Be((252L, 250L, 2L, 2L));
        var errors = await ErrorRowsAsync(_host, _globex, job.Id);
        errors.Skip(1).Select(e => e[0]).Should().Equal("252", "253");
        errors[1][1].Should().Contain("Duplicate");
        errors[2][1].Should().Contain("Duplicate of row 251");
    }

    [Fact]
    public async Task Bulk_written_rows_read_back_through_EF_with_the_same_values()
    {
        var job = await ImportAsync(_host, _globex, "Name,Domain,Tier,Employees,Revenue\nPrecise Co,precise.test,D,5,<1M\n");
        var created = (await CompaniesAsync(_globex)).Single(c => c.Domain == "precise.test");

        // EF finds it by its Guid key and compares its timestamps: both only work if the stored text matches EF's format.
        await using var scope = _host.Scope(_globex);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        var found = await db.Companies.FindAsync(created.Id);
        found.Should().NotBeNull();
        (found!.Tier, found.EmployeeBand, found.RevenueBand, found.ImportId, found.TenantId).Should().Be((AccountTier.D, "1-10", "<1M", job.Id, _globex));
        found.CreatedAtUtc.Kind.Should().Be(DateTimeKind.Utc);
        found.CreatedAtUtc.Should().BeCloseTo(job.StartedAtUtc!.Value, TimeSpan.FromSeconds(30));
        (await db.Companies.CountAsync(c => c.CreatedAtUtc == found.CreatedAtUtc && c.Id == found.Id)).Should().Be(1);
        (await db.Companies.CountAsync(c => c.ImportId == job.Id)).Should().Be(1);
        var raw = await db.Database.SqlQueryRaw<string>("SELECT \"Id\" AS \"Value\" FROM \"Companies\" WHERE \"Domain\" = 'precise.test'").SingleAsync();
        raw.Should().Be(created.Id.ToString().ToUpperInvariant());
    }

    [Fact]
    public async Task A_file_with_formula_cells_exported_and_re_imported_keeps_its_values_and_neutralizes_formulas()
    {
        var csv = "Name,Domain,Industry,Tags\n\"=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\")\",formula.test,+Danger,@at; -minus\nPlain Co,plain.test,\"\tTabbed\",ok\n";
        var first = await ImportAsync(_host, _northwind, csv);
        first.Created.Should().Be(2);

        var export = new MemoryStream();
        await using (var scope = _host.Scope(_northwind))
        {
            var query = new AccountExportQuery
            {
                Filters = [new AccountColumnFilter(AccountColumn.Domain, AccountFilterOperator.Contains, ".test")],
                Columns = [AccountColumn.Name, AccountColumn.Domain, AccountColumn.Industry, AccountColumn.Tags],
            };
            var written = await scope.ServiceProvider.GetRequiredService<AccountExporter>().WriteAsync(query with { Filters = [new AccountColumnFilter(AccountColumn.Domain, AccountFilterOperator.Equals, "formula.test")] }, export);
            written.Should().Be(1);
            export.SetLength(0);
            await scope.ServiceProvider.GetRequiredService<AccountExporter>().WriteAsync(query with { Filters = [new AccountColumnFilter(AccountColumn.Name, AccountFilterOperator.StartsWith, "=")] }, export);
        }

        var text = new UTF8Encoding(false).GetString(export.ToArray()).TrimStart('\uFEFF');
        text.Should().Be("Name,Domain,Industry,Tags\r\n\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"click\"\")\",formula.test,'+Danger,'-minus; @at\r\n");

        // Re-imported into another tenant: the values are the original ones.
        var again = await ImportBytesAsync(_host, _globex, export.ToArray());
        again.Created.Should().Be(1);
        var copy = (await CompaniesAsync(_globex)).Single(c => c.Domain == "formula.test");
        (copy.Name, copy.Industry).Should().Be(("=HYPERLINK(\"http://evil.test\",\"click\")", "+Danger"));
        (await TagsAsync(copy.Id)).Should().BeEquivalentTo(["@at", "-minus"]);
    }

    [Fact]
    public async Task Another_tenants_import_cannot_be_seen_reverted_or_its_errors_downloaded()
    {
        var job = await ImportAsync(_host, _northwind, "Name,Domain\nSecret Co,secret.test\nBad,bad domain\n");
        job.Errors.Should().Be(1);

        await using var scope = _host.Scope(_globex);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        (await imports.FindAsync(job.Id)).Should().BeNull();
        (await imports.HistoryAsync()).Should().NotContain(j => j.Id == job.Id);
        (await imports.ErrorFileAsync(job.Id)).Should().BeNull();
        (await imports.RevertAsync(job.Id)).Should().BeFalse();
        (await CompaniesAsync(_northwind)).Should().Contain(c => c.Domain == "secret.test", "the other tenant's revert did nothing");

        var export = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<AccountExporter>().WriteAsync(new AccountExportQuery(), export);
        var text = Encoding.UTF8.GetString(export.ToArray());
        text.Should().Contain("harborfreight-partners.test").And.NotContain("secret.test").And.NotContain("acme-outdoor.test");
    }

    [Fact]
    public async Task An_unusable_mapping_is_refused_at_start_and_the_upload_is_kept()
    {
        await using var scope = _host.Scope(_northwind);
        var imports = scope.ServiceProvider.GetRequiredService<ImportService>();
        var staged = await imports.StageAsync(new MemoryStream(Encoding.UTF8.GetBytes("Name,Domain\nA,a.test\n")), "a.csv", 1024);

        var start = () => imports.StartAsync(new ImportRequest(staged.UploadId, "a.csv", [ImportField.Name, null], ImportMode.CreateOnly, [MatchField.Domain]));

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("*no column is mapped*");
        var retry = await imports.StartAsync(new ImportRequest(staged.UploadId, "a.csv", staged.SuggestedMapping, ImportMode.CreateOnly, [MatchField.Domain]));
        (await WaitAsync(imports, retry)).Created.Should().Be(1);
    }

    [Fact]
    public async Task An_import_found_running_after_a_restart_is_marked_failed_and_keeps_its_counts()
    {
        var job = new ImportJob(null, "old.csv", 100, "utf-8", ',', "[\"Name\",\"Domain\"]", ImportMode.CreateOnly, [MatchField.Domain], DateTime.UtcNow);
        job.StampTenant(_northwind);
        job.Start(DateTime.UtcNow);
        job.Progress(new ImportCounts { RowsRead = 40, Created = 40 }, 50, DateTime.UtcNow);
        await _host.AsSystemAsync(async db =>
        {
            db.Add(job);
            return await db.SaveChangesAsync();
        });

        await using var scope = _host.Scope(_northwind);
        await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(job.Id, CancellationToken.None);

        var after = await scope.ServiceProvider.GetRequiredService<ImportService>().FindAsync(job.Id);
        (after!.State, after.Created, after.CanRevert).Should().Be((ImportJobState.Failed, 40L, true));
        after.Failure.Should().Be(ImportRunner.InterruptedMessage);
    }
}
