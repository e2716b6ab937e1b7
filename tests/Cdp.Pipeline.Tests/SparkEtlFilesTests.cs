using Cdp.Rules;
using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Metrics;

namespace Cdp.Pipeline.Tests;

/// <summary>The ETL for a Spark cluster, as files: every statement passes Spark's grammar (dt-sql-parser).</summary>
public class SparkEtlFilesTests(SparkSqlFixture spark) : IClassFixture<SparkSqlFixture>
{
    [Fact]
    public async Task Every_emitted_file_is_valid_Spark_SQL()
    {
        using var data = new TemporaryDirectory();
        var catalogFile = Path.Combine(data.Path, "catalog.json");
        await File.WriteAllTextAsync(catalogFile, """
            [{"name": "quoted_views_30d", "type": "int", "description": "views of a brand with a quote",
              "aggregate": "count", "window_days": 30, "filter": "event_type = 'view' AND brand = 'o''neill\\'"}]
            """);
        var files = SparkEtlFiles.Write(Path.Combine(data.Path, "spark"), ProfileCatalog.WithFile(catalogFile), "hdfs:///cdp/data/events",
            new DateOnly(2019, 10, 31), [new DateOnly(2019, 10, 30), new DateOnly(2019, 10, 31)]);

        Assert.Equal(3, files.Count);
        foreach (var file in files)
        {
            var sql = await File.ReadAllTextAsync(file);
            Assert.True(spark.Errors(sql).Count == 0, $"{Path.GetFileName(file)}:\n{sql}\n{string.Join("\n", spark.Errors(sql))}");
        }

        var profiles = await File.ReadAllTextAsync(files[^1]);
        Assert.Contains("FROM parquet.`hdfs:///cdp/data/events` WHERE event_date <= DATE'2019-10-31'", profiles, StringComparison.Ordinal);
        Assert.Contains("(`brand` = 'o\\'neill\\\\')", profiles, StringComparison.Ordinal);
        Assert.Contains("min_by(v, named_struct('n', -c, 'v', v))", profiles, StringComparison.Ordinal);
    }

    /// <summary>
    /// A small model of Spark's session catalog over the DAG's order of statements (daily aggregates, profiles,
    /// segments), each run in a fresh spark-sql container whose catalog starts empty: every table read was made
    /// earlier in the same statement's container or is read by path, no REPLACE of a v1 data source table, no
    /// append that a retry would double, every write a folder under the warehouse, and the folders the host
    /// imports from (profiles, segment_membership/as_of=D) are the ones written.
    /// </summary>
    [Fact]
    public void The_days_statements_need_no_table_catalog_and_are_safe_to_run_twice()
    {
        using var data = new TemporaryDirectory();
        var day = new DateOnly(2019, 10, 31);
        var files = SparkEtlFiles.Write(Path.Combine(data.Path, "jobs"), ProfileCatalog.Default, "hdfs://namenode:8020/cdp/lake/events", day, [day]);
        var segments = SparkSegmentSql.Build([("big", Rule.Parse("spend_30d >= 500", ProfileCatalog.Default.Catalog).Rule!)], day);
        var written = new List<string>();
        foreach (var sql in files.Select(File.ReadAllText).Append(segments))
        {
            var catalog = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // a fresh container: nothing registered
            foreach (var statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.DoesNotMatch(@"(?i)\bREPLACE\s+TABLE\b|\bCREATE\s+OR\s+REPLACE\b", statement);
                Assert.DoesNotMatch(@"(?i)\bINSERT\s+INTO\b", statement); // an append run twice holds its rows twice
                foreach (System.Text.RegularExpressions.Match read in System.Text.RegularExpressions.Regex.Matches(statement, @"(?i)\b(?:FROM|JOIN)\s+(?!parquet\.`)(`?[A-Za-z_][\w.]*`?)"))
                {
                    var table = read.Groups[1].Value.Trim('`');
                    Assert.True(catalog.Contains(table) || IsSubqueryAlias(statement, table), $"reads table `{table}`, which no statement made in this container:\n{statement[..Math.Min(300, statement.Length)]}");
                }

                var target = System.Text.RegularExpressions.Regex.Match(statement, @"^INSERT OVERWRITE DIRECTORY '([^']+)' USING parquet\n");
                Assert.True(target.Success, $"every statement overwrites a folder by path:\n{statement[..Math.Min(200, statement.Length)]}");
                Assert.StartsWith(SparkEtlFiles.DefaultWarehouse + "/", target.Groups[1].Value, StringComparison.Ordinal);
                written.Add(target.Groups[1].Value);
            }
        }

        Assert.Contains("/lake/warehouse/profiles", written);
        Assert.Contains("/lake/warehouse/segment_membership/as_of=2019-10-31", written);
        Assert.Contains("/lake/warehouse/daily_aggregates/event_date=2019-10-31", written);
    }

    /// <summary>A name read that is a CTE or subquery alias of the statement itself, not a table.</summary>
    private static bool IsSubqueryAlias(string statement, string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(statement, $@"(?i)\b{System.Text.RegularExpressions.Regex.Escape(name)}\s+AS\s*\(|\)\s*(?:AS\s+)?{System.Text.RegularExpressions.Regex.Escape(name)}\b");
}
