using Cdp.Pipeline.Events;
using Cdp.Pipeline.Profiles;
using Cdp.Rules;

namespace Cdp.Host.Cli.Commands;

/// <summary>
/// The customers' events that <c>rules eval</c> and <c>rules explain</c> read with <c>--events EVENTS.csv</c> for a
/// rule's v2 aggregates; a rule with aggregates and no events file is a usage error that names the aggregate.
/// </summary>
internal sealed class CustomerEvents(IReadOnlyDictionary<long, List<RuleEvent>> byUser)
{
    /// <summary>The events of the rule's aggregates; null when it has none.</summary>
    public static CustomerEvents? For(Arguments arguments, Rule rule)
    {
        var first = rule.Aggregates.FirstOrDefault();
        var path = arguments.Value("events");
        if (first is null)
        {
            return null;
        }

        if (path is null)
        {
            throw new UsageException($"`{first.Text}` is computed from the customers' events: give them with --events EVENTS.csv (the REES46 CSV format)", pointToHelp: false);
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"no events file at {path}", pointToHelp: false);
        }

        try
        {
            return new CustomerEvents(RuleEvents.ReadByUser(path).ByUser);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message, pointToHelp: false);
        }
    }

    /// <summary>A customer's events (none when the file has none of theirs).</summary>
    public IReadOnlyList<RuleEvent> Of(long userId) => byUser.TryGetValue(userId, out var events) ? events : [];

    /// <summary>
    /// The rule checked against a catalog that declares its derived columns, and the profiles with those columns
    /// computed from each customer's events: what a profile store that holds them gives a target.
    /// </summary>
    public (Rule Rule, IMetricCatalog Catalog, Func<IEnumerable<ProfileRow>> Profiles) Holding(Rule rule, Func<IEnumerable<ProfileRow>> profiles, RuleClock clock)
    {
        var holding = rule.WithDerivedColumns();
        return (holding, holding.Catalog, () => profiles().Select(p =>
        {
            var metrics = new Dictionary<string, object?>(p.Metrics, StringComparer.Ordinal);
            foreach (var (name, value) in holding.ComputeAggregates(Of(p.UserId), clock))
            {
                metrics[name] = value;
            }

            return new ProfileRow(p.UserId, metrics);
        }));
    }
}
