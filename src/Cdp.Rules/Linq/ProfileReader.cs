using System.Collections.Concurrent;
using System.Linq.Expressions;

namespace Cdp.Rules.Linq;

/// <summary>
/// Reads the metrics a rule needs from an object of a developer's type, by the same property binding as the
/// LINQ target, into the row the reference evaluator takes. One compiled reader per (type, metric), kept.
/// </summary>
internal static class ProfileReader
{
    private static readonly ConcurrentDictionary<(Type Type, string Metric, MetricType MetricType), Func<object, object?>> Readers = new();

    public static IReadOnlyDictionary<string, object?> Row<TProfile>(Rule rule, TProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile is IReadOnlyDictionary<string, object?> given)
        {
            return given; // a row already (a Dictionary picks this overload over the interface one)
        }

        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var metric in rule.Metrics)
        {
            row[metric.Name] = Reader(typeof(TProfile), metric)(profile);
        }

        return row;
    }

    private static Func<object, object?> Reader(Type type, MetricDefinition metric) => Readers.GetOrAdd((type, metric.Name, metric.Type), _ =>
    {
        var boxed = Expression.Parameter(typeof(object), "profile");
        var typed = Expression.Parameter(type, "typed");
        var access = new PropertyMetricBinder(typed).Bind(metric, out var problem)
            ?? throw new ArgumentException(problem, "profile");
        var body = Expression.Block([typed], Expression.Assign(typed, Expression.Convert(boxed, type)), Expression.Convert(access, typeof(object)));
        return Expression.Lambda<Func<object, object?>>(body, boxed).Compile();
    });
}
