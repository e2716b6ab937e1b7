using Cdp.Rules;
using static Cdp.Host.Tests.CommandLineRunner;

namespace Cdp.Host.Tests;

/// <summary>The database servers the command line's eval targets run against: PostgreSQL and the MongoDB wire stand-in.</summary>
public sealed class DatabaseServers : IDisposable
{
    public PostgresServer Postgres { get; } = new();

    public MongoWireServer Mongo { get; } = new();

    public void Dispose()
    {
        Postgres.Dispose();
        Mongo.Dispose();
    }
}

public class RulesCommandTests(DatabaseServers servers) : IClassFixture<DatabaseServers>
{
    private const string CardRule = "sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)";

    [Fact]
    public void Check_accepts_a_valid_rule_with_exit_code_0()
    {
        var result = Run("rules", "check", "SESSIONS_7D>3");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("valid: sessions_7d > 3\n", result.Stdout);
    }

    [Fact]
    public void Check_prints_one_diagnostic_a_line_with_exit_code_1()
    {
        var result = Run("rules", "check", "sesions_7d > 3 && top_brand_30d = 5");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("1:16: `&&` is not an operator of this language: write AND\n", result.Stdout);

        result = Run("rules", "check", "sesions_7d > 3 AND top_brand_30d = 5");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "1:1: unknown metric `sesions_7d`; did you mean `sessions_7d`?\n1:36: cannot compare `top_brand_30d` (text) with `5` (int)\n",
            result.Stdout);
    }

    [Fact]
    public void Check_json_gives_machines_every_field()
    {
        var result = Run("rules", "check", "--json", "sesions_7d > 3");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            """{"valid":false,"canonical":null,"diagnostics":[{"code":"CDP0101","message":"unknown metric \u0060sesions_7d\u0060; did you mean \u0060sessions_7d\u0060?","line":1,"column":1,"start":0,"length":10,"found":"sesions_7d","expected":"a metric of the catalog","suggestion":"sessions_7d"}]}""" + "\n",
            result.Stdout);
        Assert.Equal(0, Run("rules", "check", "--json", "is_buyer").ExitCode);
    }

    [Fact]
    public void A_catalog_file_adds_metrics_to_every_rule_command()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """[{"name": "smartphone_views_30d", "type": "int", "description": "Views of smartphones", "aggregate": "count", "window_days": 30, "filter": "event_type = 'view'"}]""");
        try
        {
            Assert.Equal("valid: smartphone_views_30d > 2 AND is_buyer\n", Run("rules", "check", "--catalog", path, "smartphone_views_30d > 2 AND is_buyer").Stdout);
            Assert.Equal("1:1: unknown metric `smartphone_views_30d`\n", Run("rules", "check", "smartphone_views_30d > 2").Stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Format_prints_the_canonical_text()
    {
        var result = Run("rules", "format", "is_buyer and not(cart_rate>=20%)");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("is_buyer AND NOT cart_rate >= 0.2\n", result.Stdout);
    }

    [Fact]
    public void A_rule_can_come_from_stdin()
    {
        var result = RunWithInput("is_buyer -- buyers\n  AND sessions_7d > 1", "rules", "format", "-");
        Assert.Equal("is_buyer AND sessions_7d > 1\n", result.Stdout);
    }

    [Fact]
    public void Eval_prints_the_members_ascending_and_nothing_else()
    {
        var reference = Run("rules", "eval", "--profiles", SampleProfiles, "--as-of", "2019-10-31", CardRule);
        var linq = Run("rules", "eval", "--profiles", SampleProfiles, "--target", "linq", "--as-of", "2019-10-31", CardRule);

        Assert.Equal(0, reference.ExitCode);
        var ids = reference.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(reference.Stdout, linq.Stdout);
        Assert.Equal("", reference.Stderr);
    }

    [Fact]
    public void Eval_reads_the_clock_from_as_of()
    {
        const string LastWeek = "last_seen_at >= today() - 7d AND last_seen_at < now()";
        var catalog = Cdp.Pipeline.Metrics.ProfileCatalog.Default.Catalog;
        var rule = Rule.Parse(LastWeek, catalog).Rule!;
        var profiles = Cdp.Pipeline.Profiles.ProfileCsvReader.ReadFile(SampleProfiles, catalog).ToList();
        foreach (var asOf in new[] { "2019-09-01", "2019-10-25", "2019-10-31" })
        {
            // Exactly the customers seen in the week before that day by the reference evaluator, whose clock is that day.
            var clock = RuleClock.AsOfDate(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));
            var expected = profiles.Where(p => rule.Evaluate(p.Metrics, clock) == TruthValue.True).Select(p => p.UserId).Order()
                .Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
            Assert.Equal(string.Concat(expected), Run("rules", "eval", "--profiles", SampleProfiles, "--as-of", asOf, LastWeek).Stdout);
        }

        Assert.Equal("", Run("rules", "eval", "--profiles", SampleProfiles, "--as-of", "2019-09-01", LastWeek).Stdout); // before any event
        Assert.NotEqual(
            Run("rules", "eval", "--profiles", SampleProfiles, "--as-of", "2019-10-25", LastWeek).Stdout,
            Run("rules", "eval", "--profiles", SampleProfiles, "--as-of", "2019-10-31", LastWeek).Stdout);
    }

    [Fact]
    public void Explain_prints_the_tree_for_one_customer()
    {
        var result = Run("rules", "explain", "--profiles", SampleProfiles, "--user", "512000000", "--as-of", "2019-10-31", CardRule);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            FALSE   sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)
            ├─ TRUE    sessions_7d > 3   [sessions_7d = 4]
            └─ FALSE   cart_rate >= 0.2 OR spend_30d > 100
               ├─ FALSE   cart_rate >= 0.2   [cart_rate = 0]
               └─ FALSE   spend_30d > 100   [spend_30d = 0.00]

            """.ReplaceLineEndings("\n"),
            result.Stdout);
    }

    [Fact]
    public void A_malformed_profiles_file_is_named_with_line_and_column()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "user_id,sessions_7d\n1,4\n2,lots\n");
        try
        {
            var result = Run("rules", "eval", "--profiles", path, "is_buyer");
            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"cdp: {path}:3:3: sessions_7d: `lots` is not a whole number\n", result.Stderr);
            Assert.Equal("", result.Stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new[] { "rules", "eval", "is_buyer" }, "cdp: --profiles is required")]
    [InlineData(new[] { "rules", "eval", "--profiles", "x.csv", "--target", "linq", "is_buyer" }, "cdp: no profiles file at x.csv")]
    [InlineData(new[] { "rules", "check", "--jsn", "is_buyer" }, "cdp: unknown option --jsn (did you mean --json?); this command takes --catalog, --file, --json")]
    [InlineData(new[] { "rules", "lint", "is_buyer" }, "cdp: unknown rules command `lint`; use check, format, compile, explain or eval")]
    [InlineData(new[] { "rules", "check" }, "cdp: give the rule as one quoted argument, or - to read it from stdin")]
    [InlineData(new[] { "rules", "explain", "--profiles", "x.csv", "--user", "abc", "is_buyer" }, "cdp: --user takes a user_id, not `abc`")]
    [InlineData(new[] { "frobnicate" }, "cdp: unknown command `frobnicate`")]
    public void Usage_mistakes_exit_with_2_and_say_what(string[] args, string expected)
    {
        var result = Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected + "\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_target_is_named()
    {
        var result = Run("rules", "eval", "--profiles", SampleProfiles, "--target", "oracle", "is_buyer");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("cdp: unknown target `oracle`; the targets are reference, linq, duckdb, postgres and mongo\n", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CardRule)]
    [InlineData("NOT (cart_rate >= 0.2) OR top_brand_30d < 'b' OR viewed_categories_30d HAS 'apparel.shoes'")]
    [InlineData("spend_30d / orders_30d > 100 AND last_seen_at >= today() - 7d AND lower(top_brand_30d) != 'apple'")]
    public void Every_target_prints_the_same_members(string rule)
    {
        var reference = Run("rules", "eval", "--profiles", SampleProfiles, "--as-of", "2019-10-31", rule);
        Assert.Equal(0, reference.ExitCode);
        foreach (var target in new[] { "linq", "duckdb", "postgres" })
        {
            string[] extra = target == "postgres" ? ["--connection", servers.Postgres.ConnectionString] : [];
            var result = Run(["rules", "eval", "--profiles", SampleProfiles, "--target", target, "--as-of", "2019-10-31", .. extra, rule]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Equal(reference.Stdout, result.Stdout);
        }
    }

    [Fact]
    public void Mongo_prints_the_same_members_through_the_driver()
    {
        const string rule = "sessions_7d > 3 AND NOT (cart_rate >= 0.2) OR viewed_categories_30d HAS 'apparel.shoes' OR lower(top_brand_30d) = 'o''neill'";
        var reference = Run("rules", "eval", "--profiles", SampleProfiles, "--as-of", "2019-10-31", rule);
        var mongo = Run("rules", "eval", "--profiles", SampleProfiles, "--target", "mongo", "--connection", servers.Mongo.ConnectionString, "--as-of", "2019-10-31", rule);
        Assert.True(mongo.ExitCode == 0, mongo.Stderr);
        Assert.NotEqual("", reference.Stdout);
        Assert.Equal(reference.Stdout, mongo.Stdout);
    }

    [Fact]
    public void Compile_prints_a_mongo_filter_as_relaxed_extended_json()
    {
        var result = Run("rules", "compile", "--target", "mongo", "NOT (cart_rate >= 0.2) AND top_brand_30d = '$where'");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """{ "$and" : [{ "cart_rate" : { "$lt" : 0.20000000000000001 } }, { "top_brand_30d" : { "$eq" : "$where" } }] }""" + "\n",
            result.Stdout);
    }

    [Fact]
    public void Compile_prints_sql_with_its_parameters()
    {
        var result = Run("rules", "compile", "--target", "postgres", "--table", "profiles", "--as-of", "2019-10-31", "top_brand_30d = 'O''Brien' AND sessions_7d > 3");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            SELECT "user_id" FROM "profiles" WHERE (("top_brand_30d" = CAST($1 AS TEXT)) AND ("sessions_7d" > CAST($2 AS BIGINT)))
            -- $1 = 'O''Brien' (text)
            -- $2 = 3 (int)

            """.ReplaceLineEndings("\n"),
            result.Stdout);
    }


    [Fact]
    public void Many_rules_are_checked_in_one_call_one_result_line_each_and_one_exit_status_for_all()
    {
        var file = Path.Combine(Path.GetTempPath(), "cdp-rules-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        File.WriteAllText(file, "sessions_7d>3\n\nsesions_7d > 3 AND top_brand_30d = 5\r\nis_buyer\n");
        try
        {
            var result = CommandLineRunner.Run("rules", "check", "--file", file);
            Assert.Equal(1, result.ExitCode);
            Assert.Equal(
                "1: valid: sessions_7d > 3\n3:1: unknown metric `sesions_7d`; did you mean `sessions_7d`?\n3:36: cannot compare `top_brand_30d` (text) with `5` (int)\n4: valid: is_buyer\n",
                result.Stdout);

            var fromStdin = CommandLineRunner.RunWithInput("is_buyer\nviews_30d > 2\n", "rules", "check", "--file", "-");
            Assert.Equal((0, "1: valid: is_buyer\n2: valid: views_30d > 2\n"), (fromStdin.ExitCode, fromStdin.Stdout));
            Assert.Equal(2, CommandLineRunner.Run("rules", "check", "--file", file + ".missing").ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
