using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Identity;

/// <summary>What the two-factor page shows: whether it is on, the shared key and its otpauth URI, recovery codes left.</summary>
public sealed record TwoFactorState(bool Enabled, string SharedKey, string AuthenticatorUri, int RecoveryCodesLeft);

/// <summary>Turning on two-factor: whether it worked, what went wrong, and the ten recovery codes (shown once).</summary>
public sealed record TwoFactorEnabled(bool Succeeded, string? Error, IReadOnlyList<string> RecoveryCodes);

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238) for the signed-in user, through Identity's
/// authenticator token provider: a shared key (and its otpauth URI), a code to turn it on, ten one-time
/// recovery codes, and turning it off. The one write path for the two-factor page and its tests.
/// </summary>
public sealed class TwoFactorSetup(UserManager<ApplicationUser> users, IUserStore<ApplicationUser> store)
{
    public const string Issuer = "PartnerForge";
    public const int RecoveryCodeCount = 10;

    public async Task<TwoFactorState> GetAsync(ClaimsPrincipal signedIn)
    {
        var user = await CurrentAsync(signedIn);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = await NewKeyAsync(user);
        }

        return new TwoFactorState(await users.GetTwoFactorEnabledAsync(user), FormatKey(key), AuthenticatorUri(user.Email!, key),
            await users.CountRecoveryCodesAsync(user));
    }

    /// <summary>Turns two-factor on when <paramref name="code"/> is the current code for the shared key; returns new recovery codes.</summary>
    public async Task<TwoFactorEnabled> EnableAsync(ClaimsPrincipal signedIn, string code)
    {
        var user = await CurrentAsync(signedIn);
        var token = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, token))
        {
            return new TwoFactorEnabled(false, "That code is not the current one. Check the time on your phone and enter the newest 6-digit code.", []);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        return new TwoFactorEnabled(true, null, codes);
    }

    /// <summary>New recovery codes (the old ones stop working).</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(ClaimsPrincipal signedIn)
    {
        var user = await CurrentAsync(signedIn);
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
    }

    /// <summary>Turns two-factor off and forgets the shared key (a new one is made for the next set-up).</summary>
    /// <remarks>Like turning it on, this rotates the security stamp: the caller renews its own sign-in.</remarks>
    public async Task DisableAsync(ClaimsPrincipal signedIn)
    {
        var user = await CurrentAsync(signedIn);
        await users.SetTwoFactorEnabledAsync(user, false);
        await NewKeyAsync(user);
    }

    /// <summary>
    /// A new shared key, stored without touching the security stamp: UserManager's ResetAuthenticatorKeyAsync rotates
    /// the stamp, which would end this very session (the cookie and the circuit carry the old stamp) just for opening
    /// the set-up page. A key nobody has confirmed signs no one in, so there is nothing to revoke.
    /// </summary>
    private async Task<string> NewKeyAsync(ApplicationUser user)
    {
        var key = users.GenerateNewAuthenticatorKey();
        await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException("The authenticator key could not be saved: " + string.Join(" ", updated.Errors.Select(e => e.Description)));
        }

        return key;
    }

    /// <summary>The key as people type it: lower case in groups of four.</summary>
    public static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }

    public static string AuthenticatorUri(string email, string key) => string.Create(CultureInfo.InvariantCulture,
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");

    /// <summary>The signed-in user's account, from the principal's user id (works during prerender and in the circuit).</summary>
    private async Task<ApplicationUser> CurrentAsync(ClaimsPrincipal signedIn) =>
        await users.GetUserAsync(signedIn) ?? throw new InvalidOperationException("The signed-in user has no account.");
}
