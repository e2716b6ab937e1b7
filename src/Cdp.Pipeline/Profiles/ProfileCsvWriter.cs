using System.Globalization;
using Cdp.Pipeline.Metrics;

namespace Cdp.Pipeline.Profiles;

/// <summary>Profiles as the CSV that <c>rules eval --profiles</c> reads: user_id and one column a metric, NULL empty, texts a spreadsheet would run defused (<see cref="CsvCell"/>), cells quoted when they must be.</summary>
public static class ProfileCsvWriter
{
    public static void WriteHeader(TextWriter writer, ProfileCatalog catalog)
    {
        writer.Write("user_id");
        foreach (var declaration in catalog.Declarations)
        {
            writer.Write(',');
            writer.Write(declaration.Name);
        }

        writer.Write('\n');
    }

    public static void WriteRow(TextWriter writer, ProfileRow profile, ProfileCatalog catalog)
    {
        writer.Write(profile.UserId.ToString(CultureInfo.InvariantCulture));
        foreach (var declaration in catalog.Declarations)
        {
            writer.Write(',');
            var text = ProfileValueFormat.Format(profile.Metrics.GetValueOrDefault(declaration.Name));
            writer.Write(declaration.Type is Rules.MetricType.Text or Rules.MetricType.TextList ? CsvCell.Text(text) : CsvCell.Quote(text));
        }

        writer.Write('\n');
    }
}
