namespace Cdp.Rules;

/// <summary>
/// The columnar target: a rule evaluated over a whole <see cref="Columnar.ColumnTable"/> at once, into a
/// selection bitmap (count, members, pages). The fastest way to size and list a segment in memory.
/// </summary>
public static class ColumnarTarget
{
    /// <summary>The rows where the rule is TRUE.</summary>
    public static Columnar.Selection Evaluate(Rule rule, RuleClock clock, Columnar.ColumnTable table)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(table);
        return new Columnar.Selection(new Columnar.ColumnarEvaluator(rule, RuleClock.Require(clock, nameof(clock)), table).Selection(rule.Syntax), table);
    }
}
