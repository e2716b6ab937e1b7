using System.Security.Cryptography;
using System.Text;

namespace Cdp.Pipeline.Activation;

/// <summary>The idempotency keys and rule hashes of membership changes: stable hex digests of what they identify.</summary>
public static class ActivationKeys
{
    /// <summary>The key of a batch: the same on every attempt, different for every batch of every destination.</summary>
    public static string BatchKey(string destination, long batch) => Hex($"batch\n{destination}\n{batch}");

    /// <summary>The SHA-256 of a rule's canonical text, lower-case hex.</summary>
    public static string RuleHash(string canonicalRule) => Hex(canonicalRule);

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
