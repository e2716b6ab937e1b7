using Cdp.Pipeline.Etl;
using Cdp.Pipeline.Metrics;
using Cdp.Rules.Backends.Tests.Spark;

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
}
