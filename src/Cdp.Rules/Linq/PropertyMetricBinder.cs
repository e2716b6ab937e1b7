using System.Linq.Expressions;
using System.Reflection;

namespace Cdp.Rules.Linq;

/// <summary>
/// Binds metrics to the properties (or fields) of a profile class: by <see cref="MetricAttribute"/>,
/// else by the metric name without underscores, ignoring case.
/// </summary>
internal sealed class PropertyMetricBinder(ParameterExpression parameter, LinqQueryDialect? dialect = null) : IMetricBinder
{
    private readonly LinqQueryDialect _dialect = dialect ?? LinqQueryDialect.InMemory;

    public Expression? Bind(MetricDefinition metric, out string? problem)
    {
        problem = null;
        var type = parameter.Type;
        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Cast<MemberInfo>()
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            .ToList();
        var member = MetricMembers.Find(members, m => m, metric.Name);
        if (member is null)
        {
            problem = $"the profile type `{type.Name}` has no property for metric `{metric.Name}` (name it `{Conventional(metric.Name)}` or mark one [Metric(\"{metric.Name}\")])";
            return null;
        }

        var access = Expression.MakeMemberAccess(parameter, member);
        if (metric.Type == MetricType.Timestamp && ClrTypes.Underlying(access.Type) is var clr && (clr == typeof(DateTime) || clr == typeof(DateTimeOffset)))
        {
            var timestamp = _dialect.Timestamp(access, member);
            if (timestamp is null)
            {
                problem = $"property `{type.Name}.{member.Name}` ({Describe(_dialect, member)}) cannot be read as a UTC timestamp by {_dialect.Name}";
            }

            return timestamp;
        }

        var converted = Convert(access, metric.Type);
        if (converted is null)
        {
            problem = $"property `{type.Name}.{member.Name}` is {access.Type.Name}, which cannot hold the {metric.Type.ToDisplayName()} metric `{metric.Name}`";
        }

        return converted;
    }

    public EventCollection? Events(Syntax.EventKind kind)
    {
        var candidates = parameter.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => (Member: (MemberInfo)p, Type: p.PropertyType))
            .Concat(parameter.Type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => (Member: (MemberInfo)f, Type: f.FieldType)))
            .Select(m => (m.Member, Element: ElementType(m.Type), Marked: m.Member.GetCustomAttribute<EventsAttribute>()))
            .Where(m => m.Element is not null)
            .ToList();
        bool Named(MemberInfo member, string word) => string.Equals(member.Name, word, StringComparison.OrdinalIgnoreCase);
        var found = candidates.FirstOrDefault(c => c.Marked?.Kind == kind)
            is { Member: not null } ofKind ? (ofKind, true)
            : candidates.FirstOrDefault(c => c.Marked is { Kind: null }) is { Member: not null } all ? (all, false)
            : candidates.FirstOrDefault(c => c.Marked is null && kind != Syntax.EventKind.Events && Named(c.Member, Syntax.EventKinds.Word(kind))) is { Member: not null } named ? (named, true)
            : candidates.FirstOrDefault(c => c.Marked is null && Named(c.Member, "events")) is { Member: not null } events ? (events, false)
            : default;
        return found.Item1.Member is null ? null : new EventCollection(Expression.MakeMemberAccess(parameter, found.Item1.Member), found.Item1.Element!, found.Item2);
    }

    /// <summary>The element type of a collection of events (not of texts, which is a list metric).</summary>
    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) ? type : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
            ?.GetGenericArguments()[0] is { } element && element != typeof(string) && element.IsClass ? element : null;

    private static Expression? Convert(Expression access, MetricType metricType)
    {
        var source = access.Type;
        var underlying = ClrTypes.Underlying(source);
        var nullable = underlying != source;
        var target = ClrTypes.Of(metricType);

        if (metricType == MetricType.TextList)
        {
            return typeof(IEnumerable<string>).IsAssignableFrom(source) ? Expression.Convert(access, typeof(IEnumerable<string>)) : null;
        }

        if (metricType == MetricType.Text)
        {
            return source == typeof(string) ? access : null;
        }

        var widening = metricType switch
        {
            MetricType.Int => underlying == typeof(long) || underlying == typeof(int) || underlying == typeof(short) || underlying == typeof(byte),
            MetricType.Number => underlying == typeof(double) || underlying == typeof(float),
            _ => underlying == target,
        };
        if (!widening)
        {
            return null;
        }

        return underlying == target ? access : Expression.Convert(access, nullable ? ClrTypes.Nullable(target) : target);
    }

    private static string Describe(LinqQueryDialect dialect, MemberInfo member) =>
        dialect.Describe(member) ?? (member is PropertyInfo p ? p.PropertyType.Name : ((FieldInfo)member).FieldType.Name);

    private static string Conventional(string metric) =>
        string.Concat(metric.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
