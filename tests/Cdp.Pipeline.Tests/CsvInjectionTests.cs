using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;

namespace Cdp.Pipeline.Tests;

/// <summary>Texts from event data that a spreadsheet would run are written defused in every CSV, and read back as they were.</summary>
public class CsvInjectionTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("@SUM(1+1)*cmd(' /C calc')!A0")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("\tleading tab")]
    [InlineData("'already quoted")]
    public void A_formula_in_a_text_metric_is_defused_in_the_export_and_read_back_exactly(string brand)
    {
        var profile = new ProfileRow(1, new Dictionary<string, object?>
        {
            ["top_brand_30d"] = brand,
            ["viewed_categories_30d"] = new[] { brand, "kitchen" },
            ["spend_30d"] = -3.50m,
        });
        var csv = new StringWriter();
        ProfileCsvWriter.WriteHeader(csv, ProfileCatalog.Default);
        ProfileCsvWriter.WriteRow(csv, profile, ProfileCatalog.Default);

        var cells = Cells(csv.ToString().Split('\n')[1]);
        var names = csv.ToString().Split('\n')[0].Split(',');
        foreach (var cell in cells)
        {
            Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '@' or '\t' or '\r' && !cell.StartsWith('\''), $"a cell a spreadsheet would run: {cell}");
        }

        Assert.Equal("-3.50", cells[Array.IndexOf(names, "spend_30d")]); // a number stays a number
        Assert.StartsWith("'", cells[Array.IndexOf(names, "top_brand_30d")], StringComparison.Ordinal);

        var back = Assert.Single(ProfileCsvReader.Read(new StringReader(csv.ToString()), ProfileCatalog.Default.Catalog));
        Assert.Equal(brand, back.Metrics["top_brand_30d"]);
        Assert.Equal([brand, "kitchen"], (string[])back.Metrics["viewed_categories_30d"]!);
        Assert.Equal(-3.50m, back.Metrics["spend_30d"]);
    }

    [Fact]
    public void The_rejected_file_and_the_run_history_defuse_their_texts_too()
    {
        Assert.Equal("\"'=1+1\"", CsvCell.QuotedText("=1+1"));
        Assert.Equal("\"plain, text\"", CsvCell.QuotedText("plain, text"));
    }

    /// <summary>The cells of one CSV line, unquoted.</summary>
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (quoted && line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(line[i]);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
