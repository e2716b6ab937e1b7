using Cdp.Rules.Columnar;

namespace Cdp.Rules.Tests.Evaluation;

/// <summary>
/// Int and money columns whose values fit in 32 bits are held narrow (half the bytes to read): every comparison, with
/// constants inside the range, at its edges and far beyond it, selects what the reference selects, on narrow columns
/// and on columns that a value too large keeps wide.
/// </summary>
public class NarrowColumnTests
{
    private static readonly MetricCatalog Catalog = new([new("visits", MetricType.Int, ""), new("spend", MetricType.Money, "")]);
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    public static TheoryData<long> Constants => [0, 7, -7, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, (long)int.MinValue - 1, 10_000_000_000, -10_000_000_000, long.MaxValue, long.MinValue + 1];

    [Theory]
    [MemberData(nameof(Constants))]
    public void Every_operator_against_any_constant_selects_what_the_reference_selects(long constant)
    {
        foreach (var wide in new[] { false, true })
        {
            var rows = Rows(wide);
            var table = ColumnTable.FromRows(rows, Catalog);
            foreach (var op in new[] { "=", "!=", "<", "<=", ">", ">=" })
            {
                foreach (var text in new[] { $"visits {op} {constant}", $"{constant} {op} visits", $"spend {op} {constant}", $"spend {op} {constant}.5", $"visits {op} {constant}.0" })
                {
                    if (Rule.Parse(text, Catalog).Rule is not { } rule)
                    {
                        continue; // a literal the language refuses (beyond money's range)
                    }

                    var expected = rows.Where(r => rule.Evaluate(r.Metrics, Clock) == TruthValue.True).Select(r => r.UserId);
                    Assert.Equal(expected, ColumnarTarget.Evaluate(rule, Clock, table).UserIds());
                }
            }
        }
    }

    [Fact]
    public void Columns_are_narrow_only_when_every_value_fits()
    {
        Assert.IsType<Int32Column>(ColumnTable.FromRows(Rows(wide: false), Catalog).Column("visits"));
        Assert.IsType<ScaledDecimal32Column>(ColumnTable.FromRows(Rows(wide: false), Catalog).Column("spend"));
        Assert.IsType<Int64Column>(ColumnTable.FromRows(Rows(wide: true), Catalog).Column("visits"));
        Assert.IsType<ScaledDecimalColumn>(ColumnTable.FromRows(Rows(wide: true), Catalog).Column("spend"));
    }

    // Values at and around the int32 edges (cents for money), NULLs, and with `wide` one row beyond the range.
    private static List<(long UserId, IReadOnlyDictionary<string, object?> Metrics)> Rows(bool wide)
    {
        long[] visits = [0, 7, -7, int.MaxValue, int.MinValue, int.MaxValue - 1, int.MinValue + 1, 123_456];
        var rows = new List<(long, IReadOnlyDictionary<string, object?>)>();
        for (var i = 0; i < visits.Length; i++)
        {
            rows.Add((i, new Dictionary<string, object?> { ["visits"] = visits[i], ["spend"] = visits[i] / 100m }));
        }

        rows.Add((100, new Dictionary<string, object?> { ["visits"] = null, ["spend"] = null }));
        if (wide)
        {
            rows.Add((101, new Dictionary<string, object?> { ["visits"] = 10_000_000_000L, ["spend"] = 100_000_000.5m }));
        }

        return rows;
    }
}
