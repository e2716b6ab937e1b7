using System.Globalization;
using FsCheck.Xunit;

namespace Cdp.Testing;

/// <summary>
/// An FsCheck property whose case count a long outer loop may lower: <c>CDP_PROPERTY_MAX_TEST</c> caps
/// <see cref="PropertyAttribute.MaxTest"/> (the mutation run sets it, since it runs the properties once for
/// every mutant they cover; docs/mutation-testing.md). Unset, the property runs the count it names.
/// </summary>
public sealed class ScaledPropertyAttribute : PropertyAttribute
{
    public const string CapVariable = "CDP_PROPERTY_MAX_TEST";

    public ScaledPropertyAttribute(int maxTest) => MaxTest = Math.Min(maxTest, Cap());

    private static int Cap() =>
        int.TryParse(Environment.GetEnvironmentVariable(CapVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var cap) && cap > 0
            ? cap
            : int.MaxValue;
}
