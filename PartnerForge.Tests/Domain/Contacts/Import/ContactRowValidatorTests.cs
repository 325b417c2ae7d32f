using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Contacts.Import;
using PartnerForge.Domain.Playbook;

namespace PartnerForge.Tests.Domain.Contacts.Import;

public sealed class ContactRowValidatorTests
{
    [Fact]
    public void Contact_headers_map_by_name_and_synonym()
    {
        var mapping = HeaderMapping.AutoMap(
            ["First Name", "Last Name", "E-mail", "Job Title", "Phone Number", "Time zone", "Buying Role", "Lawful Basis", "Consent Date", "Company Domain", "Notes"], ImportKind.Contacts);

        mapping.Should().Equal(ImportField.FirstName, ImportField.LastName, ImportField.Email, ImportField.Title, ImportField.Phone, ImportField.TimeZone,
            ImportField.Role, ImportField.LawfulBasis, ImportField.ConsentDate, ImportField.AccountDomain, null);
        HeaderMapping.AutoMap(["Name", "Website"], ImportKind.Contacts).Should().Equal(ImportField.FullName, ImportField.AccountDomain);
        HeaderMapping.AutoMap(["Name", "Website"]).Should().Equal([ImportField.Name, ImportField.Domain], "account imports keep their own synonyms");
    }

    [Fact]
    public void Contact_mapping_problems_name_what_to_fix()
    {
        HeaderMapping.Problem(ImportKind.Contacts, [ImportField.FirstName, ImportField.Email], ImportMode.CreateAndUpdate, [MatchField.Email]).Should().BeNull();
        HeaderMapping.Problem(ImportKind.Contacts, [ImportField.Title, ImportField.Email], ImportMode.CreateAndUpdate, [MatchField.Email]).Should().Contain("Full name");
        HeaderMapping.Problem(ImportKind.Contacts, [ImportField.Title, ImportField.Email], ImportMode.UpdateOnly, [MatchField.Email]).Should().BeNull("updating needs no name");
        HeaderMapping.Problem(ImportKind.Contacts, [ImportField.FullName, ImportField.Email], ImportMode.CreateAndUpdate, [MatchField.Domain]).Should().Contain("e-mail address only");
        HeaderMapping.Problem(ImportKind.Accounts, [ImportField.Name, ImportField.Email], ImportMode.CreateAndUpdate, [MatchField.Domain]).Should().Be("Email is not a field of an account.");
    }

    private static readonly ImportField?[] Columns =
        [ImportField.FirstName, ImportField.LastName, ImportField.Email, ImportField.TimeZone, ImportField.Role, ImportField.LawfulBasis, ImportField.ConsentDate, ImportField.AccountDomain];

    [Fact]
    public void A_row_is_parsed_with_a_windows_time_zone_as_iana_and_words_for_role_and_basis()
    {
        var (contact, errors) = ContactRowValidator.Validate(["Ada", "Lovelace", " Ada@Analytical.test ", "GMT Standard Time", "economic buyer", "Legitimate_Interest", "", "https://www.analytical.test/"], Columns);

        errors.Should().BeEmpty();
        contact.Should().BeEquivalentTo(new
        {
            FullName = "Ada Lovelace", Email = "ada@analytical.test", TimeZone = "Europe/London", Role = CommitteeRole.EconomicBuyer,
            LawfulBasis = (LawfulBasis?)LawfulBasis.LegitimateInterest, ConsentAtUtc = (DateTime?)null,
        });
        contact!.AccountDomains().Should().Equal("analytical.test");
        (contact with { AccountDomain = null }).AccountDomains().Should().Equal("analytical.test");
    }

    [Fact]
    public void Every_bad_cell_is_reported_in_words()
    {
        var (contact, errors) = ContactRowValidator.Validate(["Ada", "", "", "Mars/Olympus", "boss", "maybe", "31/03/2024", "not a domain"], Columns);

        contact.Should().BeNull();
        errors.Should().BeEquivalentTo(
        [
            "An e-mail address is required: contacts are matched on it.",
            "Account domain: 'not a domain' is not a domain like example.com.",
            "Time zone 'Mars/Olympus' is not known: use an IANA id like Europe/London or a Windows id like GMT Standard Time.",
            "Buying-committee role 'boss' is not one of Economic buyer, Technical buyer, Champion, User.",
            "Lawful basis 'maybe' is not one of Not recorded, Consent, Legitimate interest, Contract.",
            "Consent date '31/03/2024' is not a date like 2024-03-31 (year-month-day).",
        ]);
    }

    [Fact]
    public void A_consent_date_without_a_basis_means_consent_and_empty_cells_keep_the_contacts_values()
    {
        var (row, _) = ContactRowValidator.Validate(["", "", "ada@analytical.test", "", "", "", "2025-02-28T14:05:00+01:00", ""], Columns);
        var input = ContactMerge.ForNew(row!);
        (input.LawfulBasis, input.ConsentAtUtc).Should().Be((LawfulBasis.Consent, new DateTime(2025, 2, 28, 13, 5, 0, DateTimeKind.Utc)));

        var existing = new Contact(Guid.NewGuid(), new ContactProfile("Ada Lovelace", "Analyst", "ada@analytical.test", "+44 20 7946 0000", "Europe/London", CommitteeRole.User, LawfulBasis.Contract, null), null, DateTime.UtcNow);
        var merged = ContactMerge.Merge(existing, row! with { ConsentAtUtc = null, Title = "Chief Analyst" });
        merged.Should().Be(new ContactInput("Ada Lovelace", "Chief Analyst", "ada@analytical.test", "+44 20 7946 0000", "Europe/London", CommitteeRole.User, LawfulBasis.Contract, null));
    }
}
