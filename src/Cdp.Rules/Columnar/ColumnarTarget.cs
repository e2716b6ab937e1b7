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
}
