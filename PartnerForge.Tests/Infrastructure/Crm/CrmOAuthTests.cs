using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Crm;

namespace PartnerForge.Tests.Infrastructure.Crm;

public sealed class CrmOAuthTests : IAsyncLifetime
{
    private CrmFixture _f = null!;

    public async Task InitializeAsync() => _f = await CrmFixture.StartAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Connecting_goes_through_the_consent_page_with_an_S256_challenge_and_the_fake_checks_the_verifier()
    {
        var (authorize, callback) = await _f.AuthoriseInBrowserAsync();
        var query = QueryHelpers.ParseQuery(authorize.Query);
        authorize.GetLeftPart(UriPartial.Path).Should().Be(_f.Fake.BaseUrl + "/oauth/authorize");
        query["code_challenge_method"].ToString().Should().Be("S256");
        query["code_challenge"].ToString().Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "base64url of a SHA-256");
        query["client_id"].ToString().Should().Be(HubSpotFake.ClientId);
        query["redirect_uri"].ToString().Should().Be(CrmFixture.Callback);

        // A code completed with another authorisation's state (another verifier) is refused by the token endpoint.
        var (_, other) = await _f.AuthoriseInBrowserAsync();
        var mismatched = await _f.AsAdminAsync(s => s.GetRequiredService<CrmOAuth>().CompleteAsync(other["state"], callback["code"]));
        mismatched.Kind.Should().Be(ErrorKind.Validation);
        mismatched.Describe().Should().Contain("BAD_AUTH_CODE");

        var done = await _f.AsAdminAsync(s => s.GetRequiredService<CrmOAuth>().CompleteAsync(other["state"], other["code"]));
        done.Succeeded.Should().BeTrue(done.Describe());
        var rows = await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().ListAsync());
        var row = rows.Should().ContainSingle().Subject;
        row.Provider.Should().Be(CrmProvider.HubSpot);
        row.AccountName.Should().Be(HubSpotFake.HubDomain);
        row.State.Should().Be(CrmConnectionState.Connected);
        row.Health.Should().Be(CrmHealth.Healthy);
        row.ConnectedBy.Should().Be("Alex Admin");
        var map = await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().FieldMapAsync(done.Value));
        map.Should().Contain(m => m.Direction == SyncDirection.Push && m.CrmProperty == "partnerforge_tier");
    }

    [Fact]
    public async Task The_state_is_bound_to_the_workspace_and_admin_and_cannot_be_altered_or_used_late()
    {
        var (_, callback) = await _f.AuthoriseInBrowserAsync();
        var otherWorkspace = await _f.AsAdminAsync(s => s.GetRequiredService<CrmOAuth>().CompleteAsync(callback["state"], callback["code"]), otherTenant: true);
        otherWorkspace.Kind.Should().Be(ErrorKind.Forbidden);

        var altered = callback["state"][..^4] + (callback["state"].EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmOAuth>().CompleteAsync(altered, callback["code"]))).Kind.Should().Be(ErrorKind.Forbidden);

        _f.Clock.Advance(TimeSpan.FromMinutes(11));
        var late = await _f.AsAdminAsync(s => s.GetRequiredService<CrmOAuth>().CompleteAsync(callback["state"], callback["code"]));
        late.Kind.Should().Be(ErrorKind.Validation);
        late.Describe().Should().Contain("expired");
        (await _f.DbAsync(db => db.CrmConnections.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Tokens_are_stored_encrypted_the_raw_column_never_holds_them()
    {
        var id = await _f.ConnectAsync();
        var access = _f.Fake.LastAccessToken!;
        var refresh = _f.Fake.LastRefreshToken!;
        var raw = await _f.DbAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT ProtectedAccessToken || '|' || ProtectedRefreshToken AS Value FROM CrmConnections")
            .ToListAsync());
        raw.Should().ContainSingle();
        raw[0].Length.Should().BeGreaterThan(access.Length + refresh.Length);
        raw[0].Should().NotContain(access).And.NotContain(refresh);
        var file = Directory.GetFiles(_f.Host.DataDirectory, "*.db*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith("quartz", StringComparison.Ordinal)).ToList();
        file.Should().NotBeEmpty();
        foreach (var path in file)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            (await reader.ReadToEndAsync()).Should().NotContain(access).And.NotContain(refresh);
        }

        var token = await _f.AsAdminAsync(s => s.GetRequiredService<CrmTokens>().AccessTokenAsync(id));
        token.Should().Be(access, "the product reads its own token back");
    }

    [Fact]
    public async Task The_access_token_is_refreshed_before_it_expires_and_a_refused_refresh_asks_for_a_reconnect()
    {
        var id = await _f.ConnectAsync();
        var first = _f.Fake.LastAccessToken!;
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmTokens>().AccessTokenAsync(id))).Should().Be(first);
        _f.Fake.TokenRefreshes.Should().Be(0);

        _f.Clock.Advance(TimeSpan.FromMinutes(26)); // 30-minute tokens, refreshed within 5 minutes of expiry
        var second = await _f.AsAdminAsync(s => s.GetRequiredService<CrmTokens>().AccessTokenAsync(id));
        second.Should().NotBe(first);
        _f.Fake.TokenRefreshes.Should().Be(1);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmTokens>().AccessTokenAsync(id))).Should().Be(second, "a fresh token is used as it is");

        _f.Fake.RevokeAllRefreshTokens();
        _f.Clock.Advance(TimeSpan.FromMinutes(26));
        var refused = () => _f.AsAdminAsync(s => s.GetRequiredService<CrmTokens>().AccessTokenAsync(id));
        (await refused.Should().ThrowAsync<CrmReconnectRequiredException>()).Which.Message.Should().Contain("BAD_REFRESH_TOKEN");
        var row = (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().ListAsync())).Single();
        row.State.Should().Be(CrmConnectionState.NeedsReconnect);
        row.Health.Should().Be(CrmHealth.NeedsReconnect);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().StartSyncAsync(id))).Kind.Should().Be(ErrorKind.Conflict);

        // Connecting again to the same portal makes the same connection usable.
        (await _f.ConnectAsync()).Should().Be(id);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().ListAsync())).Single().State.Should().Be(CrmConnectionState.Connected);
    }

    [Fact]
    public async Task Revoking_tells_hubspot_to_forget_the_refresh_token_and_forgets_the_tokens_here()
    {
        var id = await _f.ConnectAsync();
        var refresh = _f.Fake.LastRefreshToken!;
        _f.Fake.KnowsRefreshToken(refresh).Should().BeTrue();
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().RevokeAsync(id))).Succeeded.Should().BeTrue();
        _f.Fake.KnowsRefreshToken(refresh).Should().BeFalse();
        var connection = await _f.DbAsync(db => db.CrmConnections.SingleAsync());
        connection.State.Should().Be(CrmConnectionState.Revoked);
        connection.ProtectedAccessToken.Should().BeNull();
        connection.ProtectedRefreshToken.Should().BeNull();
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().ListAsync())).Single().Health.Should().Be(CrmHealth.Disconnected);
        var audit = await _f.DbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(CrmConnection)).ToListAsync());
        audit.Select(a => a.Action).Should().Contain([PartnerForge.Domain.Auditing.AuditAction.Created, PartnerForge.Domain.Auditing.AuditAction.Updated]);
        audit.Should().OnlyContain(a => a.UserId == _f.Admin && !a.Changes.Contains(refresh) && !a.Changes.Contains("ProtectedAccessToken"));
    }
}
