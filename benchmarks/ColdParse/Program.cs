using System.Diagnostics;
using Cdp.Rules;

// Checks one rule against a three-metric catalog, as a command line check does, and says how long the first check
// took inside the process (the process's own start is what hyperfine adds around it).
var started = Stopwatch.GetTimestamp();
var catalog = new MetricCatalog([new("sessions_7d", MetricType.Int, ""), new("cart_rate", MetricType.Number, ""), new("spend_30d", MetricType.Money, "")]);
var parsed = Rule.Parse(args.Length > 0 ? args[0] : "sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)", catalog);
Console.WriteLine(parsed.Succeeded ? $"valid: {parsed.Rule!.ToCanonicalString()}" : string.Join(Environment.NewLine, parsed.Diagnostics));
Console.Error.WriteLine($"first check: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms");
return parsed.Succeeded ? 0 : 1;
