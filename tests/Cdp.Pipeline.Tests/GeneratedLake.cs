using Cdp.Pipeline.Events;
using Cdp.Pipeline.Ingest;
using Cdp.Rules;

namespace Cdp.Pipeline.Tests;

/// <summary>A data folder's lake filled with generated events, and the lake's events per customer as the reference reads them.</summary>
internal static class GeneratedLake
{
    /// <summary>Generates events into <c>DATA/events.csv</c> and ingests them into the folder's lake; the file's path.</summary>
    public static async Task<string> IngestAsync(string data, GeneratorOptions options)
    {
        var path = Path.Combine(data, "events.csv");
        using (var file = new StreamWriter(path))
        {
            new EventGenerator(options).Write(file);
        }

        await EmbeddedIngest.RunAsync(path, data);
        return path;
    }

    /// <summary>Every event of the lake, per customer, as the reference evaluator takes them.</summary>
    public static async Task<Dictionary<long, List<RuleEvent>>> EventsByUserAsync(string data)
    {
        var byUser = new Dictionary<long, List<RuleEvent>>();
        await foreach (var e in Lake.EventLakeReader.ReadAsync(data))
        {
            (byUser.TryGetValue(e.UserId, out var list) ? list : byUser[e.UserId] = []).Add(e.ToRuleEvent());
        }

        return byUser;
    }
}
