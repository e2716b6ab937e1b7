namespace Cdp.Rules;

/// <summary>
/// The columnar target: a rule evaluated over a whole <see cref="Columnar.ColumnTable"/> at once, into a
/// selection bitmap (count, members, pages). The fastest way to size and list a segment in memory.
/// </summary>
public static class ColumnarTarget
{
    /// <summary>The rows where the rule is TRUE (dispose the selection when done with it: its bitmap goes back to a pool).</summary>
    /// <exception cref="ArgumentException">The rule reads a derived column (v2) its catalog does not declare (<see cref="Rule.MissingDerivedColumns"/>).</exception>
    public static Columnar.Selection Evaluate(Rule rule, RuleClock clock, Columnar.ColumnTable table) => Evaluate(rule, clock, table, Environment.ProcessorCount);

    /// <summary>
    /// The rows where the rule is TRUE, using at most <paramref name="maxDegreeOfParallelism"/> threads (1: the calling
    /// thread only). A table of a million rows or more is split across them; the selection is the same whatever the number.
    /// </summary>
    /// <exception cref="ArgumentException">The rule reads a derived column (v2) its catalog does not declare (<see cref="Rule.MissingDerivedColumns"/>).</exception>
    public static Columnar.Selection Evaluate(Rule rule, RuleClock clock, Columnar.ColumnTable table, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        if (rule.MissingDerivedColumns() is [var missing, ..])
        {
            throw new ArgumentException(missing.ToString(), nameof(rule));
        }

        var evaluator = new Columnar.ColumnarEvaluator(rule, RuleClock.Require(clock, nameof(clock)), table, maxDegreeOfParallelism);
        return Columnar.Selection.Of(table, bits => evaluator.Select(rule.Syntax, bits));
    }

    /// <summary>
    /// The rows where each rule is TRUE, all rules in one pass over the table (a column several rules read is read from
    /// memory once), one selection per rule in the rules' order, each the one the rule alone gives.
    /// </summary>
    /// <exception cref="ArgumentException">A rule is null, or reads a derived column (v2) its catalog does not declare.</exception>
    public static IReadOnlyList<Columnar.Selection> EvaluateAll(IReadOnlyList<Rule> rules, RuleClock clock, Columnar.ColumnTable table) =>
        EvaluateAll(rules, clock, table, Environment.ProcessorCount);

    /// <summary>
    /// The rows where each rule is TRUE, all rules in one pass over the table, using at most
    /// <paramref name="maxDegreeOfParallelism"/> threads; the selections are the same whatever the number.
    /// </summary>
    /// <exception cref="ArgumentException">A rule is null, or reads a derived column (v2) its catalog does not declare.</exception>
    public static IReadOnlyList<Columnar.Selection> EvaluateAll(IReadOnlyList<Rule> rules, RuleClock clock, Columnar.ColumnTable table, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is null)
            {
                throw new ArgumentException($"rules[{i}] is null", nameof(rules));
            }

            if (rules[i].MissingDerivedColumns() is [var missing, ..])
            {
                throw new ArgumentException($"rules[{i}]: {missing}", nameof(rules));
            }
        }

        var checkedClock = RuleClock.Require(clock, nameof(clock));
        var passes = rules.Select(rule => new Columnar.ColumnarEvaluator(rule, checkedClock, table, maxDegreeOfParallelism).Prepare(rule.Syntax)).ToList();
        return Columnar.Selection.Of(table, passes.Count, bits => Columnar.SharedPass.Select(passes, bits, table.RowCount, maxDegreeOfParallelism));
    }
}
