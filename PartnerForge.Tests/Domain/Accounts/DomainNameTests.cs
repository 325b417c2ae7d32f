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
}
