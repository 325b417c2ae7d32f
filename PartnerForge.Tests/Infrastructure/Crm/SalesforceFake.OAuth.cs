using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PartnerForge.Tests.Infrastructure.Crm;

internal sealed partial class SalesforceFake
{
    private void MapOAuth(WebApplication app)
    {
        // login.salesforce.com/services/oauth2/authorize: the admin approves; the browser goes back with a code (PKCE challenge recorded).
        app.MapGet("/services/oauth2/authorize", (HttpRequest r) =>
        {
            var q = r.Query;
            if (q["response_type"] != "code" || q["client_id"] != ClientId || string.IsNullOrEmpty(q["redirect_uri"]))
            {
                return Results.BadRequest("error=invalid_client_id&error_description=client identifier invalid");
            }

            if (q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]))
            {
                // The connected app requires PKCE ("Require Proof Key for Code Exchange").
                return Results.Redirect($"{q["redirect_uri"]}?error=invalid_request&error_description=missing+required+code+challenge&state={Uri.EscapeDataString(q["state"].ToString())}");
            }

            var code = "aPrx" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '.').Replace('/', '_').TrimEnd('=');
            lock (_lock)
            {
                _codes[code] = (q["code_challenge"].ToString(), q["redirect_uri"].ToString());
            }

            return Results.Redirect($"{q["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"].ToString())}");
        });
        app.MapPost("/services/oauth2/token", async (HttpRequest r) => Token((await r.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)));
        app.MapPost("/services/oauth2/revoke", async (HttpRequest r) =>
        {
            var form = await r.ReadFormAsync();
            lock (_lock)
            {
                return _refreshTokens.Remove(form["token"].ToString()) || _sessions.Remove(form["token"].ToString())
                    ? Results.Ok()
                    : Results.Json(new { error = "unsupported_token_type", error_description = "this token type is not supported" }, statusCode: 400);
            }
        });
        app.MapGet("/id/{org}/{user}", (string org, string user) =>
        {
            lock (_lock)
            {
                var identity = (JsonObject)_identity.DeepClone();
                identity["id"] = $"{BaseUrl}/id/{org}/{user}";
                identity["urls"] = new JsonObject { ["rest"] = $"{BaseUrl}/services/data/v{{version}}/" };
                return Json(identity);
            }
        });
    }

    private IResult Token(Dictionary<string, string> form)
    {
        lock (_lock)
        {
            TokenRequests.Add(form);
            if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
            {
                return TokenError("invalid_client", "invalid client credentials");
            }

            return form.GetValueOrDefault("grant_type") switch
            {
                "authorization_code" => CodeGrant(form),
                "refresh_token" => RefreshGrant(form),
                _ => TokenError("unsupported_grant_type", "grant type not supported"),
            };
        }
    }

    private IResult CodeGrant(Dictionary<string, string> form)
    {
        var code = form.GetValueOrDefault("code") ?? string.Empty;
        if (!_codes.Remove(code, out var issued) || issued.RedirectUri != form.GetValueOrDefault("redirect_uri"))
        {
            return TokenError("invalid_grant", "invalid authorization code");
        }

        if (form.GetValueOrDefault("code_verifier") is not { Length: >= 43 } verifier || Challenge(verifier) != issued.Challenge)
        {
            return TokenError("invalid_grant", "invalid code verifier");
        }

        var refresh = "5Aep861" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(40)).Replace('+', '.').Replace('/', '_').TrimEnd('=');
        _refreshTokens.Add(refresh);
        LastRefreshToken = refresh;
        var answer = Session();
        answer["refresh_token"] = refresh;
        return Json(answer);
    }

    private IResult RefreshGrant(Dictionary<string, string> form)
    {
        if (!_refreshTokens.Contains(form.GetValueOrDefault("refresh_token") ?? string.Empty))
        {
            return TokenError("invalid_grant", "expired access/refresh token");
        }

        TokenRefreshes++;
        return Json(Session()); // no new refresh token on a refresh
    }

    /// <summary>A new session: Salesforce's token answer has no expires_in.</summary>
    private JsonObject Session()
    {
        var access = $"{OrgId}!AR8AQ" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '.').Replace('/', '_').TrimEnd('=');
        _sessions.Add(access);
        LastAccessToken = access;
        return new JsonObject
        {
            ["access_token"] = access,
            ["signature"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["scope"] = "refresh_token api",
            ["instance_url"] = BaseUrl,
            ["id"] = $"{BaseUrl}/id/{OrgId}/{_identity["user_id"]!.GetValue<string>()}",
            ["token_type"] = "Bearer",
            ["issued_at"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
    }

    private static IResult TokenError(string error, string description) =>
        Json(new JsonObject { ["error"] = error, ["error_description"] = description }, 400);
}
