using System.Reflection;

namespace Cdp.Rules;

/// <summary>
/// Which member of a developer's type holds a metric: the one marked <c>[Metric("name")]</c>, else the one named
/// like the metric without underscores, ignoring case (<c>login_count_30d</c> is <c>LoginCount30d</c>). Every
/// target that binds a developer's type uses it (LINQ, MongoDB's class map), and so can a target of your own.
/// </summary>
public static class MetricMembers
{
    /// <summary>The member of <paramref name="members"/> that holds <paramref name="metric"/>, or null.</summary>
    /// <typeparam name="T">The members' own type (a <see cref="MemberInfo"/>, or a serializer's member map).</typeparam>
    /// <param name="members">The candidates.</param>
    /// <param name="info">The reflection member behind each candidate.</param>
    /// <param name="metric">The metric's catalog name.</param>
    public static T? Find<T>(IEnumerable<T> members, Func<T, MemberInfo> info, string metric) where T : class
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(metric);
        var list = members as IReadOnlyList<T> ?? [.. members];
        return list.FirstOrDefault(m => string.Equals(info(m).GetCustomAttribute<MetricAttribute>()?.Name, metric, StringComparison.OrdinalIgnoreCase))
            ?? list.FirstOrDefault(m => info(m).GetCustomAttribute<MetricAttribute>()?.Name is null && Normalise(info(m).Name) == Normalise(metric));
    }

    private static string Normalise(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
