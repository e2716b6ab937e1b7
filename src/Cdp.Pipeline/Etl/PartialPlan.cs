using System.Security.Cryptography;
using System.Text;
using Cdp.Pipeline.Metrics;
using Cdp.Rules;
using Cdp.Rules.Syntax;

namespace Cdp.Pipeline.Etl;

/// <summary>
/// What the profiles as of any day are combined from, for a catalog and the v2 aggregates that
/// <see cref="DayWindow.CombinesFromDays"/>: the partial tables (sums by customer and day; distinct values; counts by
/// value), each named by its definition, so metrics that need the same partial share it (<c>sessions_7d</c> and
/// <c>sessions_30d</c> read one table of sessions) and a changed definition is a new table; and for every metric how its
/// value is read from them, in which window.
/// </summary>
internal sealed class PartialPlan
{
    /// <summary>What a sums column adds up.</summary>
    public enum SumKind { Count, CountOf, Sum, SumCents, Min, Max }

    /// <summary>How a metric's value is read from its partials.</summary>
    public enum ReadKind { Count, Money, Integer, Least, Greatest, Average, AverageOfCents, DistinctCount, List, Top }

    /// <summary>One column of a sums table: <paramref name="Kind"/> of <paramref name="Field"/> over the events <paramref name="Condition"/> (rule-language text; null: every event) holds for.</summary>
    public sealed record Sum(string Column, SumKind Kind, string? Field, string? Condition);

    /// <summary>A sums table: one row a customer and day with an event <paramref name="Condition"/> holds for (null: any event).</summary>
    public sealed record SumTable(string Table, string Definition, string? Condition, IReadOnlyList<Sum> Columns);

    /// <summary>The distinct values (or the counts by value) of a field over the events a condition holds for.</summary>
    public sealed record ValueSet(string Table, string Field, string? Condition);

    /// <summary>
    /// Where a metric's value comes from: a table (a sums table's columns, or a value set) and the first day of its window
    /// as of a day (null: every day up to it).
    /// </summary>
    public sealed record Reader(string Name, ReadKind Kind, string Table, IReadOnlyList<string> Columns, Func<DateOnly, DateOnly?> FirstDay);

    private readonly Dictionary<string, SumTable> _sums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueSet> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValueSet> _counts = new(StringComparer.Ordinal);
    private readonly List<Reader> _readers = [];

    private PartialPlan(ProfileCatalog catalog, IReadOnlyList<(DerivedMetric Derived, AggregateNode Node)> aggregates)
    {
        // The catalog's sums first: the table's name is its definition's, so it is known once every column is.
        var sums = new List<Sum>();
        var fromSums = new List<(MetricDeclaration Metric, ReadKind Kind, string Column)>();
        foreach (var metric in catalog.Declarations)
        {
            (ReadKind Kind, SumKind Sum, string? Field)? read = metric.Aggregate switch
            {
                MetricAggregate.Count => (ReadKind.Count, SumKind.Count, null),
                MetricAggregate.SumPrice => (ReadKind.Money, SumKind.Sum, "price"),
                MetricAggregate.MinTime => (ReadKind.Least, SumKind.Min, "event_time"),
                MetricAggregate.MaxTime => (ReadKind.Greatest, SumKind.Max, "event_time"),
                _ => null,
            };
            if (read is var (kind, sum, field))
            {
                fromSums.Add((metric, kind, SumColumn(sums, sum, field, metric.Filter)));
            }
        }

        var definition = Definition("catalog", null, sums);
        CatalogSums = Name("sums", definition);
        _sums[CatalogSums] = new SumTable(CatalogSums, definition, null, sums);
        foreach (var metric in catalog.Declarations)
        {
            Func<DateOnly, DateOnly?> window = metric.WindowDays is { } days ? asOf => DayWindow.FirstDayOf(asOf, days) : _ => null;
            if (fromSums.FirstOrDefault(f => f.Metric == metric) is { Metric: not null } read)
            {
                _readers.Add(new Reader(metric.Name, read.Kind, CatalogSums, [read.Column], window));
            }
            else if (metric.Aggregate is MetricAggregate.DistinctCount or MetricAggregate.List)
            {
                var kind = metric.Aggregate == MetricAggregate.List ? ReadKind.List : ReadKind.DistinctCount;
                _readers.Add(new Reader(metric.Name, kind, Values(metric.Field!, metric.Filter).Table, [], window));
            }
            else if (metric.Aggregate == MetricAggregate.Top)
            {
                _readers.Add(new Reader(metric.Name, ReadKind.Top, Counts(metric.Field!, metric.Filter).Table, [], window));
            }
        }

        foreach (var (derived, node) in aggregates)
        {
            AddAggregate(derived, node);
        }
    }

    /// <summary>The sums table of the catalog: one row for every customer and day with an event; its customers are the profiles'.</summary>
    public string CatalogSums { get; }

    public IEnumerable<SumTable> SumTables => _sums.Values;

    public IEnumerable<ValueSet> ValueSets => _values.Values;

    public IEnumerable<ValueSet> CountSets => _counts.Values;

    /// <summary>How every catalog metric but ratios and expressions, then every aggregate, is read.</summary>
    public IReadOnlyList<Reader> Readers => _readers;

    /// <summary>The aggregates read here, in order.</summary>
    public List<DerivedMetric> Aggregates { get; } = [];

    public static PartialPlan For(ProfileCatalog catalog, IReadOnlyList<(DerivedMetric Derived, AggregateNode Node)> aggregates) => new(catalog, aggregates);

    /// <summary>The partial tables with what each is a partial of (its definition) and its query over some days' events.</summary>
    public IEnumerable<PartialDays.Set> Sets() =>
    [
        .. SumTables.Select(t => new PartialDays.Set(t.Table, t.Definition, events => DayPartialQuery.Sums(t, events))),
        .. ValueSets.Select(v => new PartialDays.Set(v.Table, $"values|{v.Field}|{v.Condition}", events => DayPartialQuery.Values(v, events))),
        .. CountSets.Select(v => new PartialDays.Set(v.Table, $"counts|{v.Field}|{v.Condition}", events => DayPartialQuery.Counts(v, events))),
    ];

    private void AddAggregate(DerivedMetric derived, AggregateNode node)
    {
        Aggregates.Add(derived);
        var condition = AggregateColumns.DayConditionText(node);
        Func<DateOnly, DateOnly?> window = asOf => DayWindow.FirstDay(node, asOf);
        if (node.Function == AggregateFunction.CountDistinct)
        {
            _readers.Add(new Reader(derived.Name, ReadKind.DistinctCount, Values(node.Field!, condition).Table, [], window));
            return;
        }

        var price = node.Field == "price";
        (ReadKind Kind, Sum[] Columns) read = node.Function switch
        {
            AggregateFunction.Count => (ReadKind.Count, [new("n", SumKind.Count, null, null)]),
            AggregateFunction.Sum => (price ? ReadKind.Money : ReadKind.Integer, [new("s", SumKind.Sum, node.Field, null)]),
            AggregateFunction.Avg => (price ? ReadKind.AverageOfCents : ReadKind.Average,
                [new("s", price ? SumKind.SumCents : SumKind.Sum, node.Field, null), new("n", SumKind.CountOf, node.Field, null)]),
            AggregateFunction.Min => (ReadKind.Least, [new("m", SumKind.Min, node.Field, null)]),
            AggregateFunction.Max => (ReadKind.Greatest, [new("m", SumKind.Max, node.Field, null)]),
            AggregateFunction.First => (ReadKind.Least, [new("m", SumKind.Min, "event_time", null)]),
            _ => (ReadKind.Greatest, [new("m", SumKind.Max, "event_time", null)]),
        };
        var definition = Definition("aggregate", condition, read.Columns);
        var table = Name("sums", definition);
        _sums.TryAdd(table, new SumTable(table, definition, condition, read.Columns));
        _readers.Add(new Reader(derived.Name, read.Kind, table, [.. read.Columns.Select(c => c.Column)], window));
    }

    private static string SumColumn(List<Sum> sums, SumKind kind, string? field, string? condition)
    {
        var existing = sums.FirstOrDefault(s => s.Kind == kind && s.Field == field && s.Condition == condition);
        if (existing is not null)
        {
            return existing.Column;
        }

        var column = "a" + sums.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        sums.Add(new Sum(column, kind, field, condition));
        return column;
    }

    private ValueSet Values(string field, string? condition)
    {
        var table = Name("values", $"{field}|{condition}");
        return _values.TryGetValue(table, out var set) ? set : _values[table] = new ValueSet(table, field, condition);
    }

    private ValueSet Counts(string field, string? condition)
    {
        var table = Name("counts", $"{field}|{condition}");
        return _counts.TryGetValue(table, out var set) ? set : _counts[table] = new ValueSet(table, field, condition);
    }

    private static string Definition(string kind, string? condition, IEnumerable<Sum> columns) =>
        $"{kind}|{condition}|{string.Join(";", columns.Select(c => $"{c.Column}:{c.Kind}:{c.Field}:{c.Condition}"))}";

    // A partial table's name: its kind and 12 hex digits of its definition's SHA-256 (safe as an identifier, and another
    // definition is another table).
    private static string Name(string kind, string definition) =>
        $"partial_{kind}_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(definition)))[..12]}";
}
