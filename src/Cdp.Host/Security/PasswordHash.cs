using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cdp.Host.Security;

/// <summary>
/// Passwords as PBKDF2-HMAC-SHA256 with a random 16-byte salt, kept as <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c>
/// (base64), so the work factor can grow without invalidating stored hashes.
/// </summary>
internal static class PasswordHash
{
    private const int Iterations = 600_000;
    private const string Scheme = "pbkdf2-sha256";

    public static string Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
