using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Crm;

namespace PartnerForge.Tests.Infrastructure.Crm;

public sealed class SalesforceConnectorTests : IAsyncLifetime
{
    private CrmFixture _f = null!;
    private Guid _connection;

    public async Task InitializeAsync()
    {
        _f = await CrmFixture.StartAsync();
        _connection = await _f.ConnectAsync(provider: CrmProvider.Salesforce);
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Reading_by_ids_queries_in_chunks_skips_what_is_no_id_and_keeps_the_orgs_api_usage()
    {
        var ids = _f.Salesforce.AddAccounts(450, "byid");
        var (records, usage, limit) = await WithSessionAsync(async (connector, session) =>
        {
            var asked = ids.Append("001Hs0000000000AAA").Append("001' OR Name != '").ToList();
            var found = await connector.ReadByIdsAsync(session, CrmObjectKind.Company, ["Name", "Website"], asked, CancellationToken.None);
            return (found, session.ApiUsage, session.ApiLimit);
        });

        records.Select(r => r.Id).Should().BeEquivalentTo(ids, "an id Salesforce does not have is not returned; a text that is no id is never sent");
        records.Should().OnlyContain(r => r.UpdatedAtUtc != null && r["Website"]!.StartsWith("https://byid-", StringComparison.Ordinal));
        _f.Salesforce.Requests.Count(r => r.Contains("FROM Account WHERE Id IN (", StringComparison.Ordinal)).Should().Be(3, "451 ids in chunks of 200");
        _f.Salesforce.Requests.Should().NotContain(r => r.Contains("OR Name", StringComparison.Ordinal));
        (usage, limit).Should().Be((_f.Salesforce.ApiUsage, _f.Salesforce.DailyLimit), "every answer's Sforce-Limit-Info is kept on the session");
    }

    [Fact]
    public async Task A_field_the_org_does_not_have_is_named_in_the_error()
    {
        var read = () => WithSessionAsync((connector, session) =>
            connector.ReadAsync(session, CrmObjectKind.Company, ["Name", "AnnualRevenue__c"], null, archived: false, CancellationToken.None));
        (await read.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("INVALID_FIELD").And.Contain("No such column 'AnnualRevenue__c' on entity 'Account'");
    }

    [Fact]
    public async Task Creating_accounts_upserts_on_the_external_id_and_a_refused_record_fails_alone()
    {
        CrmWrite Write(string key, string? name) => new(key, null, new Dictionary<string, string?> { ["Name"] = name, ["Website"] = $"https://{key}.example" });
        var first = await WithSessionAsync((connector, session) =>
            connector.CreateAsync(session, CrmObjectKind.Company, [Write("pf-one", "PartnerForge One"), Write("pf-nameless", null), Write("pf-two", "PartnerForge Two")], CancellationToken.None));

        first.Select(r => r.Key).Should().Equal("pf-one", "pf-nameless", "pf-two");
        first[0].Succeeded.Should().BeTrue();
        first[1].Error.Should().Contain("Required fields are missing: [Name]").And.Contain("REQUIRED_FIELD_MISSING");
        first[2].Succeeded.Should().BeTrue();
        _f.Salesforce.Field("Account", first[0].CrmId!, "PartnerForge_Id__c").Should().Be("pf-one");
        _f.Salesforce.Requests.Should().Contain("PATCH /services/data/v61.0/composite/sobjects/Account/PartnerForge_Id__c");

        var again = await WithSessionAsync((connector, session) =>
            connector.CreateAsync(session, CrmObjectKind.Company, [Write("pf-one", "PartnerForge One Ltd")], CancellationToken.None));
        again.Single().CrmId.Should().Be(first[0].CrmId, "the same external id updates the record it made, no duplicate");
        _f.Salesforce.Field("Account", first[0].CrmId!, "Name").Should().Be("PartnerForge One Ltd");
    }

    [Fact]
    public async Task A_busy_answer_waits_and_tries_again_and_too_many_stop_with_salesforces_words()
    {
        _f.Salesforce.BusyAnswers = 2;
        var (owners, calls, waits) = await WithSessionAsync(async (connector, session) =>
            (await connector.OwnersAsync(session, CancellationToken.None), session.ApiCalls, session.RateLimited));
        owners.Select(o => o.Email).Should().Contain("rep@northwind.test").And.NotContain("former.manager@northwind.test", "only active users own records");
        (calls, waits).Should().Be((3, 2));

        _f.Salesforce.BusyAnswers = 10;
        var busy = () => WithSessionAsync((connector, session) => connector.OwnersAsync(session, CancellationToken.None));
        (await busy.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("503 SERVER_UNAVAILABLE");
    }

    private Task<T> WithSessionAsync<T>(Func<SalesforceConnector, CrmSession, Task<T>> work) =>
        _f.AsAdminAsync(s => work(s.GetRequiredService<SalesforceConnector>(), new CrmSession(_connection, s.GetRequiredService<CrmTokens>(), TimeProvider.System)));
}
