using PartnerForge.Domain.Accounts;

namespace PartnerForge.Tests.Domain.Accounts;

public sealed class DomainNameTests
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("  Example.COM  ", "example.com")]
    [InlineData("https://www.example.com/about?x=1#top", "example.com")]
    [InlineData("http://shop.example.co.uk:8080/", "shop.example.co.uk")]
    [InlineData("www.example.com.", "example.com")]
    [InlineData("user@mail.example.org", "mail.example.org")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    [InlineData("https://www.münchen.de/", "xn--mnchen-3ya.de")]
    public void Normalizes_to_the_canonical_form(string input, string expected) =>
        DomainName.Parse(input).Value.Should().Be(expected);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("localhost")]
    [InlineData("not a domain")]
    [InlineData("https://")]
    [InlineData("exa_mple.com")]
    public void Rejects_what_is_not_a_domain_with_a_reason(string input)
    {
        DomainName.TryParse(input, out _, out var error).Should().BeFalse();
        error.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("127.1")]
    [InlineData("127.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("0x7f.0x0.0x0.0x1")]
    [InlineData("169.254.169.254")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("10.0.0.8:8080")]
    [InlineData("[::ffff:127.0.0.1]")]
    public void Rejects_ip_address_literals_in_every_spelling_a_resolver_takes(string input)
    {
        DomainName.TryParse(input, out _, out var error).Should().BeFalse("{0} names a machine by its address, which the fetcher must never be pointed at", input);
        error.Should().Contain("IP address");
    }

    [Theory]
    [InlineData("123.com", "123.com")]
    [InlineData("1und1.de", "1und1.de")]
    [InlineData("365.xn--p1ai", "365.xn--p1ai")]
    public void Keeps_names_with_digits_whose_top_level_domain_is_a_name(string input, string expected) =>
        DomainName.Parse(input).Value.Should().Be(expected);
}
