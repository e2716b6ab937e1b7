
namespace Cdp.Rules.Tests.Linq;

/// <summary>A rule compiled once and asked with the clock of each moment: the answer moves with the clock.</summary>
public class CompiledRuleTests
{
    private static readonly MetricCatalog Catalog = DeveloperCatalog.Instance;

    public sealed class Customer
    {
        public DateTime? LastOrderAt { get; init; }

        public int LoginCount30d { get; init; }
    }

    private sealed class FakeTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_cached_rule_follows_the_clock_it_is_given_and_equals_the_reference()
    {
        var rule = Rule.Parse("last_order_at >= now() - 30d AND login_count_30d > 0 OR days_since(last_order_at) > 90", Catalog).Rule!;
        var compiled = LinqTarget.Prepare<Customer>(rule).GetOutputOrThrow();
        Customer[] customers =
        [
            new() { LastOrderAt = new DateTime(2024, 1, 10, 12, 0, 0, DateTimeKind.Utc), LoginCount30d = 2 },
            new() { LastOrderAt = new DateTime(2023, 12, 1, 0, 0, 0, DateTimeKind.Utc), LoginCount30d = 1 },
            new() { LastOrderAt = null, LoginCount30d = 9 },
        ];
        var time = new FakeTime(new DateTimeOffset(2024, 1, 20, 0, 0, 0, TimeSpan.Zero));
        for (var step = 0; step < 4; step++, time.Now = time.Now.AddDays(30))
        {
            var clock = RuleClock.From(time);
            foreach (var customer in customers)
            {
                var reference = rule.Evaluate(new Dictionary<string, object?> { ["last_order_at"] = customer.LastOrderAt, ["login_count_30d"] = (long)customer.LoginCount30d }, clock);
                Assert.Equal(reference == TruthValue.True, compiled.IsMember(customer, clock));
                Assert.Equal(reference == TruthValue.True, compiled.IsMember(customer, time));
            }

            Assert.Equal(customers.Count(c => compiled.IsMember(c, clock)), customers.Count(compiled.At(clock)));
        }

        // The first customer is in on the first day and out 60 days later, with the same compiled rule.
        Assert.True(compiled.IsMember(customers[0], RuleClock.AtInstant(new DateTime(2024, 1, 20, 0, 0, 0, DateTimeKind.Utc))));
        Assert.False(compiled.IsMember(customers[0], RuleClock.AtInstant(new DateTime(2024, 3, 20, 0, 0, 0, DateTimeKind.Utc))));
    }

    [Fact]
    public void A_default_clock_is_a_clear_error_everywhere()
    {
        var rule = Rule.Parse("last_order_at >= now() - 30d", Catalog).Rule!;
        var compiled = LinqTarget.Prepare<Customer>(rule).GetOutputOrThrow();
        foreach (var call in new Action[]
        {
            () => compiled.IsMember(new Customer(), default(RuleClock)),
            () => rule.Evaluate(new Dictionary<string, object?>(), default(RuleClock)),
            () => LinqTarget.ToExpression<Customer>(rule, default),
            () => SqlTarget.Condition(rule, SqlDialect.PostgreSql, default),
        })
        {
            var error = Assert.Throws<ArgumentException>(call);
            Assert.Contains("default(RuleClock)", error.Message, StringComparison.Ordinal);
            Assert.Equal("clock", error.ParamName);
        }
    }

    [Fact]
    public void A_rule_that_does_not_bind_is_refused_when_prepared()
    {
        var rule = Rule.Parse("login_count_30d > 0", Catalog).Rule!;
        var result = LinqTarget.Prepare<string>(rule);
        Assert.Null(result.Output);
        Assert.NotEmpty(result.Diagnostics);
    }
}
