using System.Security.Cryptography;
using System.Text;

namespace PartnerForge.Infrastructure.Administration;

/// <summary>Random one-time secrets (invitation tokens, API keys) and the SHA-256 hashes stored in their place.</summary>
public static class SecretTokens
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static string New(int length = 32) =>
        string.Create(length, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
