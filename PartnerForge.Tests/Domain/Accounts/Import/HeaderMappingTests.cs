using PartnerForge.Domain.Accounts.Import;

namespace PartnerForge.Tests.Domain.Accounts.Import;

public sealed class HeaderMappingTests
{
    [Fact]
    public void Headers_map_by_name_and_synonym_whatever_their_case_and_punctuation()
    {
        var mapping = HeaderMapping.AutoMap(["Company Name", "WEBSITE", "industry", "Country", "No. of Employees", "Annual Revenue", "Tags", "Owner E-mail", "Tier", "Notes"]);

        mapping.Should().Equal(ImportField.Name, ImportField.Domain, ImportField.Industry, ImportField.Country, null,
            ImportField.Revenue, ImportField.Tags, ImportField.Owner, ImportField.Tier, null);
    }

    [Theory]
    [InlineData("account", ImportField.Name)]
    [InlineData("url", ImportField.Domain)]
    [InlineData("domain", ImportField.Domain)]
    [InlineData("size", ImportField.Employees)]
    [InlineData("employees", ImportField.Employees)]
    [InlineData("revenue", ImportField.Revenue)]
    [InlineData("owner_email", ImportField.Owner)]
    public void Synonyms_are_recognised(string header, ImportField field) =>
        HeaderMapping.AutoMap([header]).Single().Should().Be(field);

    [Fact]
    public void A_field_is_mapped_once_first_column_wins() =>
        HeaderMapping.AutoMap(["Website", "Domain"]).Should().Equal(ImportField.Domain, null);

    [Fact]
    public void Problems_name_what_to_fix()
    {
        HeaderMapping.Problem([ImportField.Name, ImportField.Domain], ImportMode.CreateAndUpdate, [MatchField.Domain]).Should().BeNull();
        HeaderMapping.Problem([ImportField.Name, ImportField.Name], ImportMode.CreateAndUpdate, [MatchField.Name]).Should().Contain("more than one column");
        HeaderMapping.Problem([ImportField.Name, ImportField.Domain], ImportMode.CreateAndUpdate, [MatchField.Domain, MatchField.Country]).Should().Contain("no column is mapped");
        HeaderMapping.Problem([ImportField.Domain], ImportMode.CreateOnly, [MatchField.Domain]).Should().Contain("Name");
        HeaderMapping.Problem([ImportField.Domain, ImportField.Industry], ImportMode.UpdateOnly, [MatchField.Domain]).Should().BeNull("updating needs no name");
        HeaderMapping.Problem([ImportField.Domain], ImportMode.UpdateOnly, []).Should().Contain("at least one");
        HeaderMapping.Problem([ImportField.Domain, ImportField.Country], ImportMode.UpdateOnly, [MatchField.Country]).Should().Contain("Domain or Name");
    }
}

public sealed class DelimiterSnifferTests
{
    [Theory]
    [InlineData("name,domain,country\r\nAcme,acme.com,DE\r\nBeta,beta.io,FR\r\n", ',')]
    [InlineData("name;domain;country\nAcme;acme.com;DE\nBeta, Inc;beta.io;FR\n", ';')]
    [InlineData("name\tdomain\tcountry\nAcme, Inc\tacme.com\tDE\n", '\t')]
    [InlineData("name;domain\n\"Acme; the company\";acme.com\n", ';')]
    public void The_delimiter_that_splits_lines_consistently_wins(string sample, char expected) =>
        DelimiterSniffer.Sniff(sample).Should().Be(expected);

    [Fact]
    public void Commas_inside_quotes_and_quoted_newlines_do_not_mislead()
    {
        var sample = "name;domain;notes\n\"Acme, Inc\";acme.com;\"line one,\nline two, three\"\nBeta;beta.io;x\n";
        DelimiterSniffer.Sniff(sample).Should().Be(';');
    }
}

public sealed class CsvTextTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+49 30 1234", "'+49 30 1234")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("Acme", "Acme")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Formula_like_cells_get_a_leading_quote(string value, string expected)
    {
        CsvText.Neutralize(value).Should().Be(expected);
        CsvText.Restore(CsvText.Neutralize(value)).Should().Be(value, "import restores the value");
    }

    [Fact]
    public void Records_follow_RFC_4180()
    {
        CsvText.Record(["plain", "with,comma", "with \"quote\"", "two\r\nlines", null, "=HYPERLINK(\"x\")"])
            .Should().Be("plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\r\nlines\",,\"'=HYPERLINK(\"\"x\"\")\"\r\n");
    }

    [Fact]
    public void A_quote_that_is_not_neutralizing_stays() => CsvText.Restore("'quoted'").Should().Be("'quoted'");
}
