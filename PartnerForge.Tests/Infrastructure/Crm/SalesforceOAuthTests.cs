using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Crm;

namespace PartnerForge.Tests.Infrastructure.Crm;

public sealed class SalesforceOAuthTests : IAsyncLifetime
{
    private CrmFixture _f = null!;

    public async Task InitializeAsync() => _f = await CrmFixture.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Connecting_salesforce_uses_PKCE_checked_by_the_fake_and_keeps_the_orgs_instance_url()
    {
        (await _f.AsAdminAsync(s => Task.FromResult(s.GetRequiredService<CrmOAuth>().CanConnect(CrmProvider.Salesforce)))).Should().BeTrue();
        var (authorize, callback) = await _f.AuthoriseInBrowserAsync(provider: CrmProvider.Salesforce);
        authorize.GetLeftPart(UriPartial.Path).Should().Be(_f.Salesforce.BaseUrl + "/services/oauth2/authorize");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        query["response_type"].ToString().Should().Be("code");
        query["client_id"].ToString().Should().Be(SalesforceFake.ClientId);
        query["scope"].ToString().Should().Be("api refresh_token");
        query["code_challenge_method"].ToString().Should().Be("S256");
        query["code_challenge"].ToString().Should().MatchRegex("^[A-Za-z0-9_-]{43}$");

        // The code completed with another authorisation's state (so another verifier) is refused by Salesforce's token endpoint.
        var (_, other) = await _f.AuthoriseInBrowserAsync(provider: CrmProvider.Salesforce);
        var mismatched = await _f.AsAdminAsync(s => s.GetRequiredService<CrmOAuth>().CompleteAsync(other["state"], callback["code"]));
        mismatched.Kind.Should().Be(ErrorKind.Validation);
        mismatched.Describe().Should().Contain("invalid code verifier");

        var done = await _f.AsAdminAsync(s => s.GetRequiredService<CrmOAuth>().CompleteAsync(other["state"], other["code"]));
        done.Succeeded.Should().BeTrue(done.Describe());
        _f.Salesforce.TokenRequests.Last().Should().ContainKey("code_verifier");
        var connection = await _f.DbAsync(db => db.CrmConnections.SingleAsync());
        connection.Provider.Should().Be(CrmProvider.Salesforce);
        connection.ExternalAccountId.Should().Be(SalesforceFake.OrgId);
        connection.AccountName.Should().Be(SalesforceFake.OrgName);
        connection.InstanceUrl.Should().Be(_f.Salesforce.BaseUrl, "the org's API address comes with its tokens");
        connection.AccessTokenExpiresAtUtc.Should().BeNull("Salesforce does not say when a session ends; it is used until refused");
        var row = (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().ListAsync())).Should().ContainSingle().Subject;
        row.AccountName.Should().Be("Northwind Traders");
        row.Health.Should().Be(CrmHealth.Healthy);
        var map = await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().FieldMapAsync(done.Value));
        map.Should().HaveCount(CrmFields.SalesforceDefaults.Count);
        map.Should().Contain(m => m.Direction == SyncDirection.Push && m.OurField == CrmFields.Tier && m.CrmProperty == "PartnerForge_Tier__c");
        map.Should().Contain(m => m.Kind == CrmObjectKind.Company && m.OurField == CrmFields.Domain && m.CrmProperty == "Website");

        // The token is used as it is (no refresh without a refusal), and connecting the same org again keeps the connection.
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmTokens>().AccessTokenAsync(done.Value))).Should().Be(_f.Salesforce.LastAccessToken);
        _f.Clock.Advance(TimeSpan.FromHours(30));
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmTokens>().AccessTokenAsync(done.Value))).Should().Be(_f.Salesforce.LastAccessToken);
        _f.Salesforce.TokenRefreshes.Should().Be(0);
    }

    [Fact]
    public async Task Revoking_tells_salesforce_to_forget_the_refresh_token_and_a_refused_refresh_asks_for_a_reconnect()
    {
        var id = await _f.ConnectAsync(provider: CrmProvider.Salesforce);
        var refresh = _f.Salesforce.LastRefreshToken!;
        var first = _f.Salesforce.LastAccessToken!;
        var renewed = await _f.AsAdminAsync(s => s.GetRequiredService<CrmTokens>().AccessTokenAsync(id, force: true, refused: first));
        renewed.Should().NotBe(first);
        _f.Salesforce.TokenRefreshes.Should().Be(1);
        _f.Salesforce.KnowsRefreshToken(refresh).Should().BeTrue("a refresh brings no new refresh token; the first one stays");

        _f.Salesforce.RevokeAllRefreshTokens();
        var refused = () => _f.AsAdminAsync(s => s.GetRequiredService<CrmTokens>().AccessTokenAsync(id, force: true, refused: renewed));
        (await refused.Should().ThrowAsync<CrmReconnectRequiredException>()).Which.Message.Should().Contain("expired access/refresh token");
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().ListAsync())).Single().Health.Should().Be(CrmHealth.NeedsReconnect);

        (await _f.ConnectAsync(provider: CrmProvider.Salesforce)).Should().Be(id, "connecting the same org again makes the same connection usable");
        var current = _f.Salesforce.LastRefreshToken!;
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().RevokeAsync(id))).Succeeded.Should().BeTrue();
        _f.Salesforce.KnowsRefreshToken(current).Should().BeFalse();
        var connection = await _f.DbAsync(db => db.CrmConnections.SingleAsync());
        connection.State.Should().Be(CrmConnectionState.Revoked);
        connection.ProtectedRefreshToken.Should().BeNull();
    }
}
