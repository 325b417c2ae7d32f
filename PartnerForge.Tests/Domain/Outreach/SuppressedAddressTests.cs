using System.Security.Cryptography;
using System.Text;
using PartnerForge.Domain.Outreach;

namespace PartnerForge.Tests.Domain.Outreach;

public sealed class SuppressedAddressTests
{
    private static readonly Guid Northwind = Guid.Parse("5d1c3c1e-8a52-4f0e-9c55-2f1b6c0a9e11");
    private static readonly Guid Contoso = Guid.Parse("0b7e6a0f-2d9c-4b8e-8f1e-7a3c5d9e1f22");

    [Fact]
    public void The_hash_is_an_hmac_of_the_trimmed_lower_case_address_keyed_by_the_workspace()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Northwind.ToByteArray(), Encoding.UTF8.GetBytes("ada@analytical.example")));

        SuppressedAddress.Hash(Northwind, "ada@analytical.example").Should().Be(expected).And.HaveLength(SuppressedAddress.HashLength).And.MatchRegex("^[0-9a-f]{64}$");
        SuppressedAddress.Hash(Northwind, "  Ada@Analytical.EXAMPLE\t").Should().Be(expected, "case and surrounding whitespace do not make another address");
    }

    [Fact]
    public void Another_workspace_or_another_address_gives_another_hash()
    {
        var ada = SuppressedAddress.Hash(Northwind, "ada@analytical.example");

        SuppressedAddress.Hash(Contoso, "ada@analytical.example").Should().NotBe(ada);
        SuppressedAddress.Hash(Northwind, "ada@analytical.example.org").Should().NotBe(ada);
        SuppressedAddress.Hash(Northwind, "ada@analytical.example").Should().NotContain("ada");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_address_cannot_be_hashed(string address)
    {
        var hash = () => SuppressedAddress.Hash(Northwind, address);
        hash.Should().Throw<ArgumentException>();
    }
}
