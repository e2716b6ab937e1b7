using System.Linq.Expressions;
using Cdp.Rules.Checking;
using Cdp.Rules.Syntax;
using static Cdp.Rules.Linq.ExpressionHelpers;

namespace Cdp.Rules.Linq;

/// <summary>
/// v2 over a developer's own types: an aggregate computed over the profile's collection of events (in memory, and as a
/// correlated subquery through a query provider such as EF Core), with the contract's meaning: the events of the kind,
/// inside the window and before <c>now()</c>, for which the WHERE is TRUE; COUNT and SUM of none are 0, the others NULL.
/// </summary>
internal sealed partial class LinqRuleCompiler
{
    private readonly IMetricCatalog? _fields;

    /// <summary>The profile's events collection an aggregate is computed over, if the profile type has one of its kind.</summary>
    private EventCollection? EventsFor(AggregateNode node) => EventKinds.TryParse(node.KindName, out var kind) ? _binder.Events(kind) : null;

    private Expression OverEvents(AggregateNode node, EventCollection events)
    {
        EventKinds.TryParse(node.KindName, out var kind);
        var e = Expression.Parameter(events.EventType, "e");
        var one = new LinqRuleCompiler(_rule, _today, _now, new PropertyMetricBinder(e, _dialect), _dialect, EventFields.Catalog);
        var time = one.Field(node, "event_time");
        var tests = new List<Expression>();
        if (!events.OfOneKind && kind.EventType() is { } type)
        {
            var eventType = one.Field(node, "event_type");
            tests.Add(When(HasValue(eventType), Comparison(node, ComparisonOperator.Equal, ValueOf(eventType), Expression.Constant(type), MetricType.Text)));
        }

        tests.Add(CompareValues(node, time, MetricType.Timestamp, ComparisonOperator.Less, _now, MetricType.Timestamp, MetricType.Timestamp).IsTrue);
        if (WindowStart(node) is { } from)
        {
            tests.Add(CompareValues(node, time, MetricType.Timestamp, ComparisonOperator.GreaterOrEqual, from, MetricType.Timestamp, MetricType.Timestamp).IsTrue);
        }

        if (node.Where is { } where)
        {
            tests.Add(one.Condition(where).IsTrue);
        }

        var matching = Enumerable(nameof(System.Linq.Enumerable.Where), [events.EventType], events.Source, Expression.Lambda(AndAlso(tests), e));
        Expression Values(Expression value) => Enumerable(nameof(System.Linq.Enumerable.Select), [events.EventType, value.Type], matching, Expression.Lambda(value, e));
        var result = node.Function switch
        {
            AggregateFunction.Count => Enumerable(nameof(System.Linq.Enumerable.LongCount), [events.EventType], matching),
            AggregateFunction.First => Enumerable(nameof(System.Linq.Enumerable.Min), [typeof(DateTime?)], Values(AsNullable(time))),
            AggregateFunction.Last => Enumerable(nameof(System.Linq.Enumerable.Max), [typeof(DateTime?)], Values(AsNullable(time))),
            _ => OfField(node, one, Values),
        };
        Diagnostics.AddRange(one.Diagnostics);
        return result;
    }

    /// <summary>COUNT(DISTINCT), SUM, AVG, MIN or MAX of the matching events' field.</summary>
    private Expression OfField(AggregateNode node, LinqRuleCompiler one, Func<Expression, Expression> values)
    {
        var name = node.Field!.ToLowerInvariant();
        var fieldType = EventFields.Catalog.Metrics.First(m => m.Name == name).Type;
        var field = one.Field(node, name);
        var resultType = ClrTypes.Nullable(ClrTypes.Of(_rule.TypeOf(node)));
        if (!_dialect.Aggregates(node.Function, fieldType))
        {
            return Supported(node, $"{node.Function.ToString().ToUpperInvariant()} of a {fieldType.ToDisplayName()} field over a collection of events", null, resultType);
        }

        switch (node.Function)
        {
            case AggregateFunction.CountDistinct:
                var distinct = values(field);
                if (CanBeNull(field))
                {
                    var v = Expression.Parameter(field.Type, "v");
                    distinct = Enumerable(nameof(System.Linq.Enumerable.Where), [field.Type], distinct, Expression.Lambda(HasValue(v)!, v));
                }

                return Enumerable(nameof(System.Linq.Enumerable.LongCount), [field.Type], Enumerable(nameof(System.Linq.Enumerable.Distinct), [field.Type], distinct));
            case AggregateFunction.Sum:
                var summed = AsNullable(field);
                var sum = Expression.Call(typeof(Enumerable).GetMethod(nameof(System.Linq.Enumerable.Sum), [typeof(IEnumerable<>).MakeGenericType(summed.Type)])!, values(summed));
                return Expression.Coalesce(sum, Expression.Default(ClrTypes.Of(_rule.TypeOf(node)))); // SUM of none is 0
            case AggregateFunction.Avg:
                var exact = values(Expression.Convert(field, typeof(decimal?)));
                var average = Expression.Call(typeof(Enumerable).GetMethod(nameof(System.Linq.Enumerable.Average), [typeof(IEnumerable<decimal?>)])!, exact);
                return AsNullable(Guarded(HasValue(average), Supported(node, "money read as a number", _dialect.MoneyToNumber(ValueOf(average)), typeof(double))));
            default:
                var max = node.Function == AggregateFunction.Max;
                return fieldType == MetricType.Text
                    ? Supported(node, $"{(max ? "MAX" : "MIN")} of a text field over a collection of events", _dialect.MinMaxText(max, values(field)), typeof(string))
                    : Enumerable(max ? nameof(System.Linq.Enumerable.Max) : nameof(System.Linq.Enumerable.Min), [AsNullable(field).Type], values(AsNullable(field)));
        }
    }

    /// <summary>An event field read through this (event) compiler's binder; an empty category_code, brand or user_session is NULL, as the contract says.</summary>
    private Expression Field(RuleNode at, string name)
    {
        var value = Read(name, _fields!.Metrics.First(m => m.Name == name), at);
        return value.Type == typeof(string) && name != "event_type"
            ? Expression.Condition(Expression.Equal(value, Expression.Constant("")), Expression.Constant(null, typeof(string)), value)
            : value;
    }

    /// <summary>Where the window begins (<c>IN LAST d</c>: <c>now() - d</c>; <c>SINCE x</c>: x as a timestamp), or null for all history.</summary>
    private Expression? WindowStart(AggregateNode node)
    {
        if (node.Last is { Value: Duration last })
        {
            return _now is ConstantExpression { Value: DateTime now } ? Expression.Constant(now - last.ToTimeSpan()) : Expression.Subtract(_now, Expression.Constant(last.ToTimeSpan()));
        }

        if (node.Since is not { } since)
        {
            return null;
        }

        // Literals, today() and now() only: computed once here when the clock is fixed, so a provider gets a constant.
        var start = Visit(since);
        if (!new ParameterFinder().Finds(start))
        {
            start = Expression.Constant(Expression.Lambda(start).Compile().DynamicInvoke(), start.Type);
        }

        return ToDomain(node, ValueOf(start), _rule.TypeOf(since), MetricType.Timestamp);
    }

    private static MethodCallExpression Enumerable(string name, Type[] types, params Expression[] arguments) => Expression.Call(typeof(Enumerable), name, types, arguments);
}
