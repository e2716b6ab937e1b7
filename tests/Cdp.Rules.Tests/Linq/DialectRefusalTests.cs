using System.Linq.Expressions;
using System.Reflection;
using Cdp.Rules.Syntax;

namespace Cdp.Rules.Tests.Linq;

/// <summary>
/// A LINQ dialect that cannot express a construct (a provider without a text compare, say) gets a diagnostic that
/// names the construct and the rule text it stands for, never an expression that would fail or differ at query time.
/// </summary>
public class DialectRefusalTests
{
    private static readonly MetricCatalog Catalog = new(
    [
        new("visits", MetricType.Int, ""), new("spend", MetricType.Money, ""), new("rate", MetricType.Number, ""),
        new("brand", MetricType.Text, ""), new("born_on", MetricType.Date, ""), new("seen_at", MetricType.Timestamp, ""),
        new("gap", MetricType.Duration, ""), new("tags", MetricType.TextList, ""),
    ]);

    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));

    public sealed class Profile
    {
        public long? Visits { get; init; }
        public decimal? Spend { get; init; }
        public double? Rate { get; init; }
        public string? Brand { get; init; }
        public DateOnly? BornOn { get; init; }
        public DateTime? SeenAt { get; init; }
        public TimeSpan? Gap { get; init; }
        public IReadOnlyList<string>? Tags { get; init; }
    }

    /// <summary>A dialect that has none of the constructs.</summary>
    private sealed class Nothing : LinqQueryDialect
    {
        public override string Name => "Nothing";

        public override Expression? CompareText(ComparisonOperator op, Expression left, Expression right) => null;
        public override Expression? Compare(ComparisonOperator op, Expression left, Expression right) => null;
        public override Expression? TextMatch(TextMatchKind kind, Expression text, string pattern) => null;
        public override Expression? Lower(Expression text) => null;
        public override Expression? Has(Expression list, string item) => null;
        public override Expression? DivideNumber(Expression left, Expression right) => null;
        public override Expression? DivideMoney(Expression left, Expression right) => null;
        public override Expression? MoneyToNumber(Expression money) => null;
        public override Expression? DateAtMidnight(Expression date) => null;
        public override Expression? DaysSince(Expression instant, Expression today) => null;
        public override Expression? TemporalArithmetic(ArithmeticOperator op, Expression left, Expression right) => null;
        public override Expression? Abs(Expression value) => null;
        public override Expression? DurationAbs(Expression duration) => null;
        public override Expression? MinMaxText(bool max, Expression texts) => null;
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "brand < 'b'", "comparing texts (`brand < 'b'`)" },
        { "visits > 3", "comparing values (`visits > 3`)" },
        { "lower(brand) = 'a'", "lower (`lower(brand)`)" },
        { "tags HAS 'a'", "HAS (`tags HAS 'a'`)" },
        { "rate / 2 > 1", "division (`rate / 2`)" },
        { "spend / 2 > 1", "money division (`spend / 2`)" },
        { "rate > spend", "money read as a number (`rate > spend`)" },
        { "born_on < now()", "a stored date taken as a timestamp (`born_on < now()`)" },
        { "days_since(seen_at) > 3", "days_since of a stored value (`days_since(seen_at)`)" },
        { "abs(visits) > 3", "abs (`abs(visits)`)" },
        { "abs(gap) > 2d", "abs of a stored duration (`abs(gap)`)" },
        { "seen_at + 2d < now()", "arithmetic on a stored time or duration (`seen_at + 2d`)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_construct_the_dialect_lacks_is_a_diagnostic_that_names_it(string text, string construct)
    {
        var rule = Rule.Parse(text, Catalog).Rule ?? throw new ArgumentException(text);

        var result = LinqTarget.ToExpression<Profile>(rule, Clock, new Nothing());

        Assert.Null(result.Output);
        Assert.Contains($"{construct} cannot be translated exactly by Nothing", result.Diagnostics.Select(d => d.Message));
    }

    /// <summary>A dialect that computes no aggregate over a collection of events.</summary>
    private sealed class NoAggregates : LinqQueryDialect
    {
        public override string Name => "Nothing";

        public override bool Aggregates(AggregateFunction function, MetricType fieldType) => false;
    }

    [Theory]
    [InlineData("sum(price of purchases) > 1", "SUM of a money field over a collection of events (`sum(price of purchases)`)", false)]
    [InlineData("count(distinct brand of views) > 1", "COUNTDISTINCT of a text field over a collection of events (`count(distinct brand of views)`)", false)]
    [InlineData("max(brand of purchases) = 'a'", "MAX of a text field over a collection of events (`max(brand of purchases)`)", true)]
    [InlineData("min(brand of purchases) = 'a'", "MIN of a text field over a collection of events (`min(brand of purchases)`)", true)]
    [InlineData("avg(price of purchases) > 1", "money read as a number (`avg(price of purchases)`)", true)]
    public void An_aggregate_over_events_the_dialect_lacks_is_a_diagnostic_that_names_it(string text, string construct, bool aggregates)
    {
        var catalog = MetricCatalog.FromType<LanguageV2.LinqOverEventsTests.ShopCustomer>();
        var rule = Rule.Parse(text, catalog).Rule ?? throw new ArgumentException(text);

        var result = LinqTarget.ToExpression<LanguageV2.LinqOverEventsTests.ShopCustomer>(rule, Clock, aggregates ? new Nothing() : new NoAggregates());

        Assert.Null(result.Output);
        Assert.Contains($"{construct} cannot be translated exactly by Nothing", result.Diagnostics.Select(d => d.Message));
    }

    /// <summary>A provider that checks integer overflow itself (or cannot express a checked add).</summary>
    private sealed class Unchecked : LinqQueryDialect
    {
        public override bool CheckedIntArithmetic => false;
    }

    [Theory]
    [InlineData("visits + 1 > 3", ExpressionType.AddChecked, ExpressionType.Add)]
    [InlineData("visits - 1 > 3", ExpressionType.SubtractChecked, ExpressionType.Subtract)]
    [InlineData("visits * 2 > 3", ExpressionType.MultiplyChecked, ExpressionType.Multiply)]
    [InlineData("-visits > 3", ExpressionType.NegateChecked, ExpressionType.Negate)]
    public void Int_arithmetic_is_checked_unless_the_dialect_says_otherwise_and_other_arithmetic_never_is(string text, ExpressionType inMemory, ExpressionType plain)
    {
        var rule = Rule.Parse(text, Catalog).Rule!;
        var money = Rule.Parse(text.Replace("visits", "spend", StringComparison.Ordinal), Catalog).Rule!;

        Assert.Contains(inMemory, NodeTypes(LinqTarget.ToExpression<Profile>(rule, Clock, LinqQueryDialect.InMemory).Output!));
        Assert.Contains(plain, NodeTypes(LinqTarget.ToExpression<Profile>(rule, Clock, new Unchecked()).Output!));
        Assert.DoesNotContain(inMemory, NodeTypes(LinqTarget.ToExpression<Profile>(rule, Clock, new Unchecked()).Output!));
        Assert.DoesNotContain(inMemory, NodeTypes(LinqTarget.ToExpression<Profile>(money, Clock, LinqQueryDialect.InMemory).Output!));
    }

    private static List<ExpressionType> NodeTypes(Expression expression)
    {
        var types = new List<ExpressionType>();
        new NodeTypeCollector(types).Visit(expression);
        return types;
    }

    private sealed class NodeTypeCollector(List<ExpressionType> types) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node)
        {
            if (node is not null)
            {
                types.Add(node.NodeType);
            }

            return base.Visit(node);
        }
    }

    /// <summary>A provider without arithmetic on times and durations.</summary>
    private sealed class NoTemporal : LinqQueryDialect
    {
        public override Expression? TemporalArithmetic(ArithmeticOperator op, Expression left, Expression right) => null;
    }

    [Fact]
    public void Arithmetic_on_the_clock_alone_is_computed_once_in_memory_whatever_the_dialect()
    {
        var folded = LinqTarget.ToExpression<Profile>(Rule.Parse("seen_at < now() - 2d", Catalog).Rule!, Clock, new NoTemporal());
        var stored = LinqTarget.ToExpression<Profile>(Rule.Parse("seen_at + 2d < now()", Catalog).Rule!, Clock, new NoTemporal());

        Assert.Empty(folded.Diagnostics);
        var isMember = folded.Output!.Compile();
        Assert.True(isMember(new Profile { SeenAt = new DateTime(2019, 10, 29, 23, 0, 0, DateTimeKind.Utc) })); // now() is 2019-11-01T00:00Z
        Assert.False(isMember(new Profile { SeenAt = new DateTime(2019, 10, 30, 1, 0, 0, DateTimeKind.Utc) }));
        Assert.Null(stored.Output);
        Assert.Equal("arithmetic on a stored time or duration (`seen_at + 2d`) cannot be translated exactly by LINQ", Assert.Single(stored.Diagnostics).Message);
    }

    [Theory]
    [InlineData("born_on + 1d < now()", true)]
    [InlineData("born_on + 2d < now()", false)]
    [InlineData("now() - born_on > 1d", true)]
    [InlineData("now() - born_on > 2d", false)]
    [InlineData("2d + born_on <= now()", true)]
    public void A_stored_date_in_time_arithmetic_is_its_midnight(string text, bool member)
    {
        var rule = Rule.Parse(text, Catalog).Rule!;
        var profile = new Profile { BornOn = new DateOnly(2019, 10, 30) };

        Assert.Equal(member, LinqTarget.Compile<Profile>(rule, Clock).GetOutputOrThrow()(profile));
        Assert.Equal(member ? TruthValue.True : TruthValue.False, rule.Evaluate(profile, Clock));
    }

    [Fact]
    public void The_in_memory_dialect_is_called_linq() => Assert.Equal("LINQ", LinqQueryDialect.InMemory.Name);
}
