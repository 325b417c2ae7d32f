using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Playbook;

namespace PartnerForge.Tests.Domain.Contacts;

public sealed class ContactProfileTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc);

    private static ContactInput Input(string? name = "Dana Reyes", string? email = "Dana.Reyes@Acme-Outdoor.test", string? phone = "+44 20 7946 0000",
        string? zone = "Europe/London", LawfulBasis basis = LawfulBasis.LegitimateInterest, DateTime? consentAt = null) =>
        new(name, "  VP Marketing ", email, phone, zone, CommitteeRole.Champion, basis, consentAt);

    [Fact]
    public void A_complete_contact_is_trimmed_and_its_address_lower_cased_for_matching()
    {
        var (profile, errors) = ContactProfile.Validate(Input(), Now);

        errors.Should().BeEmpty();
        profile!.Email.Should().Be("dana.reyes@acme-outdoor.test");
        profile.Title.Should().Be("VP Marketing");
        profile.Role.Should().Be(CommitteeRole.Champion);
        profile.ConsentAtUtc.Should().BeNull("a consent date is kept only with consent as the basis");
    }

    [Theory]
    [InlineData(" ", "dana@acme.test", "+1 555 0100", "UTC", "FullName")]
    [InlineData("Dana", "dana@", "+1 555 0100", "UTC", "Email")]
    [InlineData("Dana", "dana at acme.test", "+1 555 0100", "UTC", "Email")]
    [InlineData("Dana", "dana@localhost", "+1 555 0100", "UTC", "Email")]
    [InlineData("Dana", "dana@acme.test", "call me", "UTC", "Phone")]
    [InlineData("Dana", "dana@acme.test", "12", "UTC", "Phone")]
    [InlineData("Dana", "dana@acme.test", "+1 555 0100", "Mars/Olympus", "TimeZone")]
    public void Each_faulty_field_is_named_with_what_to_type(string name, string email, string phone, string zone, string field)
    {
        var (profile, errors) = ContactProfile.Validate(Input(name, email, phone, zone), Now);

        profile.Should().BeNull();
        errors.Keys.Should().Equal(field);
        errors[field].Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Consent_needs_its_date_and_it_cannot_be_in_the_future()
    {
        ContactProfile.Validate(Input(basis: LawfulBasis.Consent), Now).Errors.Should().ContainKey(nameof(ContactInput.ConsentAtUtc));
        ContactProfile.Validate(Input(basis: LawfulBasis.Consent, consentAt: Now.AddDays(1)), Now).Errors.Should().ContainKey(nameof(ContactInput.ConsentAtUtc));
        ContactProfile.Validate(Input(basis: LawfulBasis.Consent, consentAt: Now.AddDays(-3)), Now).Profile!.ConsentAtUtc.Should().Be(Now.AddDays(-3));
    }

    [Fact]
    public void Only_a_name_is_required()
    {
        var (profile, errors) = ContactProfile.Validate(new ContactInput("Sam Lee", null, " ", null, null, null, LawfulBasis.NotRecorded, null), Now);

        errors.Should().BeEmpty();
        profile!.Email.Should().BeNull();
        profile.Phone.Should().BeNull();
    }
}
