using System.Reflection;
using System.Text;
using Cdp.Rules.Linq;

namespace Cdp.Rules;

public sealed partial class MetricCatalog
{
    /// <summary>
    /// The catalog a profile class declares: a metric for each public property (or field) of a type the language
    /// has, named by <see cref="MetricAttribute"/> or by the property's name in snake case (<c>LoginCount30d</c> is
    /// <c>login_count_30d</c>, which binds back to it), described by the attribute's description and unit. So the
    /// class is declared once; properties of other types are left out (an id, a navigation), or mark them.
    /// </summary>
    public static MetricCatalog FromType<TProfile>()
    {
        var metrics = new List<MetricDefinition>();
        foreach (var member in Members(typeof(TProfile)))
        {
            var attribute = member.GetCustomAttribute<MetricAttribute>();
            if (TypeOf(member) is not { } type)
            {
                if (attribute is not null)
                {
                    throw new ArgumentException($"{typeof(TProfile).Name}.{member.Name} is marked [Metric] but its type {ValueType(member).Name} is none of the language's", nameof(TProfile));
                }

                continue;
            }

            var description = attribute?.Description ?? member.Name;
            metrics.Add(new MetricDefinition(attribute?.Name ?? SnakeCase(member.Name), type, attribute?.Unit is { } unit ? $"{description} ({unit})" : description));
        }

        return new MetricCatalog(metrics);
    }

    /// <summary>
    /// Every way the catalog fails to bind to <typeparamref name="TProfile"/> (a metric without a property, a
    /// property that cannot hold its metric), at once: check at start-up rather than when some user's rule
    /// happens to read the metric. Empty when every metric binds.
    /// </summary>
    public IReadOnlyList<string> BindingProblems<TProfile>()
    {
        var parameter = System.Linq.Expressions.Expression.Parameter(typeof(TProfile), "profile");
        var binder = new PropertyMetricBinder(parameter);
        var problems = new List<string>();
        foreach (var metric in Metrics)
        {
            if (binder.Bind(metric, out var problem) is null)
            {
                problems.Add(problem!);
            }
        }

        return problems;
    }

    private static IEnumerable<MemberInfo> Members(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).Cast<MemberInfo>()
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance));

    private static Type ValueType(MemberInfo member) => member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;

    private static MetricType? TypeOf(MemberInfo member)
    {
        var type = ValueType(member);
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short) || underlying == typeof(byte))
        {
            return MetricType.Int;
        }

        return underlying switch
        {
            _ when underlying == typeof(decimal) => MetricType.Money,
            _ when underlying == typeof(double) || underlying == typeof(float) => MetricType.Number,
            _ when underlying == typeof(string) => MetricType.Text,
            _ when underlying == typeof(bool) => MetricType.Bool,
            _ when underlying == typeof(DateOnly) => MetricType.Date,
            _ when underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset) => MetricType.Timestamp,
            _ when underlying == typeof(TimeSpan) => MetricType.Duration,
            _ when typeof(IEnumerable<string>).IsAssignableFrom(underlying) => MetricType.TextList,
            _ => null,
        };
    }

    /// <summary><c>LoginCount30d</c> to <c>login_count_30d</c>, <c>IsVIP</c> to <c>is_vip</c>: a word starts at a capital after a lower-case letter or digit, and at a digit after a letter.</summary>
    internal static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var previous = i > 0 ? name[i - 1] : '\0';
            var startsWord = i > 0 && previous != '_' && c != '_'
                && ((char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(previous))))
                    || (char.IsDigit(c) && char.IsLetter(previous)));
            if (startsWord)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
