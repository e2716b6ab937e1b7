using Cdp.Rules;

namespace Cdp.Pipeline.Profiles;

/// <summary>
/// Reads a profiles file: CSV with a header whose first column is <c>user_id</c> and whose other columns
/// are metric names of the catalog. Rows stream one at a time; a malformed row stops the read with a
/// <see cref="ProfileFileException"/> that names its line and column.
/// </summary>
public static class ProfileCsvReader
{
    /// <summary>Opens and reads a file lazily.</summary>
    public static IEnumerable<ProfileRow> ReadFile(string path, IMetricCatalog catalog)
    {
        using var reader = new StreamReader(path);
        foreach (var row in Read(reader, catalog))
        {
            yield return row;
        }
    }

    /// <summary>Reads profiles from text lazily.</summary>
    public static IEnumerable<ProfileRow> Read(TextReader text, IMetricCatalog catalog)
    {
        var records = new CsvRecordReader(text);
        var header = records.Read() ?? throw new ProfileFileException(1, 1, "the file is empty: it needs a header that starts with user_id");
        var columns = ReadHeader(header.Fields, catalog);
        var seen = new HashSet<long>();
        while (records.Read() is { } record)
        {
            var (fields, line) = record;
            if (fields.Count == 1 && fields[0].Text.Length == 0 && !fields[0].Quoted)
            {
                continue;
            }

            if (fields.Count != columns.Count + 1)
            {
                var at = fields.Count > columns.Count + 1 ? fields[columns.Count + 1] : fields[^1];
                throw new ProfileFileException(line, at.Column,
                    $"the row has {fields.Count} fields but the header has {columns.Count + 1}");
            }

            if (!long.TryParse(fields[0].Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var userId))
            {
                throw new ProfileFileException(fields[0].Line, fields[0].Column, $"user_id `{fields[0].Text}` is not a whole number");
            }

            if (!seen.Add(userId))
            {
                throw new ProfileFileException(fields[0].Line, fields[0].Column, $"user_id {userId} appears twice");
            }

            var values = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                var field = fields[i + 1];
                var metric = columns[i];
                var cell = metric.Type is MetricType.Text or MetricType.TextList ? CsvCell.Restore(field.Text) : field.Text;
                if (!ProfileValueFormat.TryParse(metric.Type, cell, out var value, out var reason))
                {
                    throw new ProfileFileException(field.Line, field.Column, $"{metric.Name}: {reason}");
                }

                values[metric.Name] = value;
            }

            yield return new ProfileRow(userId, values);
        }
    }

    private static List<MetricDefinition> ReadHeader(List<CsvRecordReader.Field> header, IMetricCatalog catalog)
    {
        if (!string.Equals(header[0].Text.Trim(), "user_id", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProfileFileException(header[0].Line, header[0].Column, $"the first column must be user_id, not `{header[0].Text}`");
        }

        var columns = new List<MetricDefinition>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in header.Skip(1))
        {
            var name = field.Text.Trim();
            if (!catalog.TryGetMetric(name, out var metric))
            {
                var suggestion = catalog.SuggestMetric(name);
                throw new ProfileFileException(field.Line, field.Column,
                    $"`{name}` is not a metric of the catalog" + (suggestion is null ? "" : $"; did you mean `{suggestion}`?"));
            }

            if (!names.Add(metric.Name))
            {
                throw new ProfileFileException(field.Line, field.Column, $"column `{metric.Name}` appears twice");
            }

            columns.Add(metric);
        }

        return columns;
    }
}
