using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cdp.Pipeline.Activation;

/// <summary>
/// The signature of a webhook request, header <c>X-Cdp-Signature: t=UNIX_SECONDS,v1=HEX</c>: HEX is the lower-case hex
/// HMAC-SHA256, keyed with the destination's secret, of <c>UNIX_SECONDS + "." + body</c>. A receiver recomputes it over
/// the raw body, compares in constant time, and refuses a timestamp too far from its clock (replays).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Cdp-Signature";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Whether a header signs a body with the secret, within <paramref name="tolerance"/> of <paramref name="now"/>: the receiver's side.</summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (header is null)
        {
            return false;
        }

        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || !parts.ContainsKey("v1"))
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header.Trim()));
    }
}
