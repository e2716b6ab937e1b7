using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store.Segments;

namespace Cdp.Rules.Backends.Tests;

/// <summary>
/// <c>lower(x)</c> compared for equality with ASCII texts takes DuckDB's cheap form (ASCII texts through DuckDB's lower,
/// the others as they are): still the language's meaning on texts that DuckDB's Unicode lower would fold into a match
/// (the Kelvin sign, a dotted capital I, an umlaut), on PostgreSQL and DuckDB alike.
/// </summary>
public sealed class AsciiLowerEqualityTests(SharedFixture<PostgresServer> postgres) : IClassFixture<SharedFixture<PostgresServer>>
{
    private static readonly MetricCatalog Catalog = new([new("brand", MetricType.Text, "")]);
    private static readonly RuleClock Clock = RuleClock.AsOfDate(new DateOnly(2019, 10, 31));
    private static readonly string?[] Brands = ["APPLE", "Apple", "apple", "ÄPPLE", "\u212Aelvin", "Kelvin", "İstanbul", "Istanbul", "straße", "STRASSE", null, ""];

    [Theory]
    [InlineData("lower(brand) = 'kelvin'")]
    [InlineData("lower(brand) != 'apple'")]
    [InlineData("lower(brand) IN ('apple', 'kelvin', 'istanbul')")]
    [InlineData("lower(brand) NOT IN ('kelvin', 'strasse')")]
    [InlineData("'istanbul' = lower(brand) OR lower(brand) = 'äpple'")]
    public void Duckdb_and_postgresql_select_the_reference_members(string text)
    {
        var rule = Rule.Parse(text, Catalog).Rule!;
        var profiles = Brands.Select((b, i) => new ProfileRow(i + 1, new Dictionary<string, object?> { ["brand"] = b })).ToList();
        var expected = profiles.Where(p => rule.Evaluate(p.Metrics, Clock) == TruthValue.True).Select(p => p.UserId).ToList();

        using var duck = new DuckDbSegmentEngine(Catalog);
        duck.Load(profiles);
        using var pg = new PostgresSegmentEngine(postgres.Value.ConnectionString, Catalog);
        pg.Load(profiles);

        Assert.Equal(expected, duck.Members(rule, Clock));
        Assert.Equal(expected, pg.Members(rule, Clock));
        Assert.NotEmpty(expected);
    }

    [Fact]
    public void Only_equality_with_ascii_texts_takes_the_cheap_form()
    {
        string Sql(string text) => SqlTarget.Condition(Rule.Parse(text, Catalog).Rule!, SqlDialect.DuckDb, Clock).Text;

        Assert.DoesNotContain("translate", Sql("lower(brand) = 'apple'"), StringComparison.Ordinal);
        Assert.Contains("translate", Sql("lower(brand) = 'äpple'"), StringComparison.Ordinal);
        Assert.Contains("translate", Sql("lower(brand) < 'b'"), StringComparison.Ordinal);
        Assert.Contains("translate", Sql("lower(brand) STARTS WITH 'ap'"), StringComparison.Ordinal);
    }
}
