using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Accounts.Import;

namespace PartnerForge.Tests.Domain.Accounts.Import;

public sealed class ImportRowValidatorTests
{
    private static readonly Guid Rep = Guid.NewGuid();
    private static readonly ImportField?[] Mapping =
        [ImportField.Name, ImportField.Domain, ImportField.Industry, ImportField.Country, ImportField.Employees, ImportField.Revenue, ImportField.Tags, ImportField.Owner, ImportField.Tier, null];

    private static Guid? Owner(string email) => email.Equals("rep@northwind.test", StringComparison.OrdinalIgnoreCase) ? Rep : null;

    [Fact]
    public void A_good_row_is_normalized()
    {
        var (company, errors) = ImportRowValidator.Validate(
            [" Acme GmbH ", "https://www.Acme.com/about", "Software", "Germany", "120", "$10M-50M", "partner; EU, partner", "REP@northwind.test", "b", "ignored"],
            Mapping, Owner);

        errors.Should().BeEmpty();
        company.Should().NotBeNull();
        company!.Name.Should().Be("Acme GmbH");
        company.Domain!.Value.Value.Should().Be("acme.com");
        company.Country.Should().Be("DE");
        company.EmployeeBand.Should().Be("51-200");
        company.RevenueBand.Should().Be("10M-50M");
        company.Tags.Should().Equal("partner", "EU");
        company.OwnerId.Should().Be(Rep);
        company.Tier.Should().Be(AccountTier.B);
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported()
    {
        var (company, errors) = ImportRowValidator.Validate(
            ["Acme", "not a domain", "", "Atlantis", "many", "huge", "", "ghost@nowhere.test", "Z"], Mapping, Owner);

        company.Should().BeNull();
        errors.Should().HaveCount(6);
        string.Join(" ", errors).Should().Contain("not a domain like").And.Contain("Atlantis").And.Contain("employee count")
            .And.Contain("revenue band").And.Contain("ghost@nowhere.test").And.Contain("tier");
    }

    [Fact]
    public void Empty_and_missing_cells_are_null_and_neutralized_cells_are_restored()
    {
        var (company, errors) = ImportRowValidator.Validate(["'=cmd|' /C calc'!A0", "acme.com"], Mapping, Owner);

        errors.Should().BeEmpty();
        company!.Name.Should().Be("=cmd|' /C calc'!A0");
        company.Industry.Should().BeNull();
        company.Tags.Should().BeEmpty();
    }

    [Fact]
    public void Match_keys_use_normalized_values_and_need_every_field()
    {
        var (company, _) = ImportRowValidator.Validate(["ACME gmbh", "www.acme.com", "", "de"], Mapping, Owner);

        company!.MatchKey([MatchField.Domain]).Key.Should().Be("acme.com");
        company.MatchKey([MatchField.Name, MatchField.Country]).Key.Should().Be("acme gmbh\u001fDE");
        var (missing, _) = ImportRowValidator.Validate(["Acme", "acme.com"], Mapping, Owner);
        missing!.MatchKey([MatchField.Name, MatchField.Country]).Error.Should().Contain("Country is empty");

        var existing = new Company("Acme GmbH", DomainName.Parse("acme.com"), DateTime.UtcNow);
        existing.SetFirmographics(null, "DE", null, null, DateTime.UtcNow);
        ImportedCompany.KeyOf(existing, [MatchField.Name, MatchField.Country]).Should().Be(company.MatchKey([MatchField.Name, MatchField.Country]).Key);
    }
}

public sealed class ImportMergeTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    private static ImportedCompany Row(string? name = null, string? industry = null, string? country = null, IReadOnlyList<string>? tags = null, AccountTier? tier = null) =>
        new(name, null, industry, country, null, null, tags ?? [], null, tier);

    [Fact]
    public void Empty_cells_keep_values_and_filled_cells_replace_them()
    {
        var company = new Company("Acme", DomainName.Parse("acme.com"), Now.AddDays(-1));
        company.SetFirmographics("Retail", "FR", "11-50", null, Now.AddDays(-1));

        ImportMerge.Apply(company, Row(industry: "Software"), [], Now).Should().BeTrue();

        company.Industry.Should().Be("Software");
        company.Country.Should().Be("FR");
        company.EmployeeBand.Should().Be("11-50");
        company.UpdatedAtUtc.Should().Be(Now);
    }

    [Fact]
    public void A_row_equal_to_the_account_changes_nothing()
    {
        var company = new Company("Acme", DomainName.Parse("acme.com"), Now.AddDays(-1));
        company.SetTier(AccountTier.A, Now.AddDays(-1));

        ImportMerge.Apply(company, Row(name: "Acme", tier: AccountTier.A, tags: ["VIP"]), ["vip"], Now).Should().BeFalse();
        company.UpdatedAtUtc.Should().Be(Now.AddDays(-1));
    }

    [Fact]
    public void Tags_are_added_never_removed()
    {
        ImportMerge.NewTags(Row(tags: ["Partner", "EU"]), ["partner", "US"]).Should().Equal("EU");
        var company = new Company("Acme", DomainName.Parse("acme.com"), Now);
        ImportMerge.Apply(company, Row(tags: ["EU"]), ["US"], Now).Should().BeTrue();
    }

    [Fact]
    public void Creating_needs_a_name_and_a_domain()
    {
        ImportMerge.CannotCreate(Row(name: "Acme")).Should().Contain("domain");
        ImportMerge.CannotCreate(new ImportedCompany(null, DomainName.Parse("a.com"), null, null, null, null, [], null, null)).Should().Contain("name");
        ImportMerge.CannotCreate(new ImportedCompany("A", DomainName.Parse("a.com"), null, null, null, null, [], null, null)).Should().BeNull();
    }
}
