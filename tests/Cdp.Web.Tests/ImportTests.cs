using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cdp.Host.Security;
using Cdp.Host.Services;
using Cdp.Pipeline.Events;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Cdp.Host.Web;

namespace Cdp.Web.Tests;

/// <summary>Profiles a cluster computed, handed to the host: they replace the store's, segments follow, the preview sees them.</summary>
public sealed class ImportTests : IAsyncLifetime
{
    private PrivateHost _host = null!;

    private HttpClient Editor => _host.Editor;

    private string Data => _host.DataDirectory;

    private string Key => _host.EditorKey;

    private WebApplication App => _host.App;

    private string ImportRoot => Path.Combine(Data, "warehouse");

    public async Task InitializeAsync()
    {
        _host = await PrivateHost.StartAsync("import", new GeneratorOptions(20_000, 800, 31, new DateOnly(2019, 10, 1), 3), data => ["--import-root", Path.Combine(data, "warehouse")]);
        Directory.CreateDirectory(Path.Combine(ImportRoot, "profiles"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Imported_profiles_replace_the_store_and_the_segments_and_preview_follow()
    {
        long before, half;
        using (var connection = new DuckDBConnection($"DataSource={Path.Combine(Data, "profiles.duckdb")}"))
        {
            // What a Spark job leaves: the profiles table as Parquet (here half of the embedded ETL's customers).
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT * FROM profiles WHERE user_id % 2 = 0) TO '{Path.Combine(ImportRoot, "profiles", "part-0.parquet")}' (FORMAT parquet)";
            command.ExecuteNonQuery();
            command.CommandText = "SELECT count(*), count(*) FILTER (WHERE user_id % 2 = 0) FROM profiles";
            using var reader = command.ExecuteReader();
            reader.Read();
            (before, half) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        Assert.Equal(before, (await (await Editor.PostAsJsonAsync("/api/segments/preview", new { rule = "events_total >= 0" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64());
        var imported = await Editor.PostAsJsonAsync("/api/profiles/import", new { path = "profiles", asOf = "2019-10-31" });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var run = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("import", run.GetProperty("trigger").GetString());
        Assert.Equal(half, run.GetProperty("profiles").GetInt64());

        var page = await Editor.GetFromJsonAsync<JsonElement>("/api/profiles?limit=1000");
        Assert.Equal(half, page.GetProperty("total").GetInt64());
        Assert.All(page.GetProperty("profiles").EnumerateArray(), p => Assert.Equal(0, p.GetProperty("userId").GetInt64() % 2));
        var preview = await (await Editor.PostAsJsonAsync("/api/segments/preview", new { rule = "events_total >= 0" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(half, preview.GetProperty("total").GetInt64());
        var members = await Editor.GetFromJsonAsync<JsonElement>("/api/segments/big_spenders/members?limit=1000");
        Assert.All(members.GetProperty("profiles").EnumerateArray(), p => Assert.Equal(0, p.GetProperty("userId").GetInt64() % 2));
    }

    [Fact]
    public void The_command_line_asks_the_host_to_import_and_says_why_when_it_refuses()
    {
        using (var connection = new DuckDBConnection($"DataSource={Path.Combine(Data, "profiles.duckdb")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT * FROM profiles) TO '{Path.Combine(ImportRoot, "profiles", "part-0.parquet")}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }

        var url = WebHost.Addresses(App)[0];
        var output = new StringWriter();
        Assert.Equal(0, Cdp.Host.Cli.Commands.CommandLine.Run(["profiles", "import", "--url", url, "--path", "profiles", "--as-of", "2019-10-31", "--api-key", Key], TextReader.Null, output, TextWriter.Null));
        Assert.Matches(@"^imported=\d+ as_of=2019-10-31 run=\d+", output.ToString());

        var errors = new StringWriter();
        Assert.Equal(2, Cdp.Host.Cli.Commands.CommandLine.Run(["profiles", "import", "--url", url, "--path", "../keys", "--as-of", "2019-10-31", "--api-key", Key], TextReader.Null, TextWriter.Null, errors));
        Assert.Contains("the host refused (400): path must stay inside the import root", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, Cdp.Host.Cli.Commands.CommandLine.Run(["profiles", "import", "--url", url, "--path", "profiles", "--as-of", "2019-10-31", "--api-key", "cdp_bad_key"], TextReader.Null, TextWriter.Null, errors));
        Assert.Contains("(401)", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segment_members_a_cluster_computed_replace_the_hosts_own_evaluation()
    {
        var membership = Path.Combine(ImportRoot, "segment_membership", "as_of=2019-10-31");
        Directory.CreateDirectory(membership);
        long expected;
        using (var connection = new DuckDBConnection($"DataSource={Path.Combine(Data, "profiles.duckdb")}"))
        {
            // What Spark's segment job leaves for the day: its partition, without the as_of column.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT * FROM profiles) TO '{Path.Combine(ImportRoot, "profiles", "part-0.parquet")}' (FORMAT parquet)";
            command.ExecuteNonQuery();
            command.CommandText = $"COPY (SELECT 'big_spenders' AS name, user_id FROM profiles WHERE user_id % 3 = 0) TO '{Path.Combine(membership, "part-0.parquet")}' (FORMAT parquet)";
            command.ExecuteNonQuery();
            command.CommandText = "SELECT count(*) FROM profiles WHERE user_id % 3 = 0";
            expected = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var imported = await Editor.PostAsJsonAsync("/api/profiles/import", new { path = "profiles", asOf = "2019-10-31", membership = "segment_membership/as_of=2019-10-31" });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var members = await Editor.GetFromJsonAsync<JsonElement>("/api/segments/big_spenders/members?limit=1000");
        Assert.Equal(expected, members.GetProperty("total").GetInt64());
        Assert.All(members.GetProperty("profiles").EnumerateArray(), p => Assert.Equal(0, p.GetProperty("userId").GetInt64() % 3));
        Assert.Equal(0, (await Editor.GetFromJsonAsync<JsonElement>("/api/segments/lapsed_buyers/members")).GetProperty("total").GetInt64());

        var sql = await Editor.GetStringAsync("/api/segments/spark-sql?asOf=2019-10-31");
        Assert.Contains("INSERT OVERWRITE DIRECTORY '/lake/warehouse/segment_membership/as_of=2019-10-31' USING parquet", sql, StringComparison.Ordinal);
        Assert.All(FirstStart.ExampleSegments, s => Assert.Contains($"SELECT '{s.Name}' AS name", sql, StringComparison.Ordinal));
        var jobs = Path.Combine(Data, "jobs");
        var output = new StringWriter();
        Assert.Equal(0, Cdp.Host.Cli.Commands.CommandLine.Run(["segments", "emit-spark", "--url", WebHost.Addresses(App)[0], "--as-of", "2019-10-31", "--out", jobs, "--api-key", Key], TextReader.Null, output, TextWriter.Null));
        Assert.Equal(sql, await File.ReadAllTextAsync(Path.Combine(jobs, "segments_2019-10-31.sql")));
    }

    [Theory]
    [InlineData("../users.json", "2019-10-31", 400, "must stay inside the import root")]
    [InlineData("nothing-here", "2019-10-31", 404, "no Parquet at `nothing-here`")]
    [InlineData("profiles", "31.10.2019", 400, "asOf is a date")]
    public async Task A_bad_import_says_why_and_changes_nothing(string path, string asOf, int status, string message)
    {
        var response = await Editor.PostAsJsonAsync("/api/profiles/import", new { path, asOf });
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(long Profiles, long Preview, long BigSpenders)> StateAsync()
    {
        var page = await Editor.GetFromJsonAsync<JsonElement>("/api/profiles?limit=1");
        var preview = await (await Editor.PostAsJsonAsync("/api/segments/preview", new { rule = "events_total >= 0" })).Content.ReadFromJsonAsync<JsonElement>();
        var members = await Editor.GetFromJsonAsync<JsonElement>("/api/segments/big_spenders/members");
        return (page.GetProperty("total").GetInt64(), preview.GetProperty("total").GetInt64(), members.GetProperty("total").GetInt64());
    }

    private void Copy(string select, string file)
    {
        using var connection = new DuckDBConnection($"DataSource={Path.Combine(Data, "profiles.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        command.CommandText = $"COPY ({select}) TO '{file}' (FORMAT parquet)";
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_file_without_the_metric_columns_fails_the_import_and_changes_nothing()
    {
        Copy("SELECT user_id, events_total FROM profiles", Path.Combine(ImportRoot, "thin", "part-0.parquet"));
        var before = await StateAsync();
        Assert.True(before.Profiles > 0 && before.BigSpenders > 0);

        var response = await Editor.PostAsJsonAsync("/api/profiles/import", new { path = "thin", asOf = "2019-10-31" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("lack", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());
        var run = (await Editor.GetFromJsonAsync<JsonElement>("/api/runs?limit=1")).GetProperty("runs")[0];
        Assert.Equal(("import", "failed"), (run.GetProperty("trigger").GetString(), run.GetProperty("status").GetString()));
        Assert.Contains("the profiles lack 31 of the catalog's columns (events_7d", run.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_membership_file_that_fails_after_the_profiles_were_read_rolls_the_whole_import_back()
    {
        Copy("SELECT * FROM profiles WHERE user_id % 2 = 0", Path.Combine(ImportRoot, "profiles", "part-0.parquet"));
        Copy("SELECT user_id FROM profiles", Path.Combine(ImportRoot, "membership", "part-0.parquet")); // no `name` column
        var before = await StateAsync();
        var response = await Editor.PostAsJsonAsync("/api/profiles/import", new { path = "profiles", asOf = "2019-10-31", membership = "membership" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_link_inside_the_import_root_does_not_lead_outside_it()
    {
        var outside = Path.Combine(Data, "outside");
        Copy("SELECT * FROM profiles", Path.Combine(outside, "part-0.parquet"));
        Directory.CreateSymbolicLink(Path.Combine(ImportRoot, "linked-folder"), outside);
        Directory.CreateDirectory(Path.Combine(ImportRoot, "mixed"));
        File.CreateSymbolicLink(Path.Combine(ImportRoot, "mixed", "part-0.parquet"), Path.Combine(outside, "part-0.parquet"));
        File.CreateSymbolicLink(Path.Combine(ImportRoot, "one.parquet"), Path.Combine(outside, "part-0.parquet"));
        var before = await StateAsync();
        foreach (var path in new[] { "linked-folder", "linked-folder/part-0.parquet", "mixed", "one.parquet" })
        {
            var response = await Editor.PostAsJsonAsync("/api/profiles/import", new { path, asOf = "2019-10-31" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("must stay inside the import root", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await StateAsync());
    }

    [Theory]
    [InlineData("profiles\u0000/../../users.json")]
    [InlineData("\u0000")]
    public async Task A_nul_in_the_path_is_a_400(string path)
    {
        var response = await Editor.PostAsJsonAsync("/api/profiles/import", new { path, asOf = "2019-10-31" }); // the NUL sent as \u0000
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Contains("NUL", StringComparison.Ordinal), text);
    }
}
