namespace Cdp.Rules;

/// <summary>
/// Generated SQL and the values of its parameters. The text never contains user text: every literal
/// of the rule (and the as-of clock) is a parameter, except in Spark SQL, whose literals are escaped.
/// </summary>
/// <param name="Text">The SQL: a boolean expression, or a whole SELECT.</param>
/// <param name="Parameters">The parameters in placeholder order (<c>$1</c> is the first).</param>
public sealed record SqlQuery(string Text, IReadOnlyList<SqlParameter> Parameters)
{
    /// <summary>The SQL followed by one line a parameter, for people and golden files.</summary>
    public override string ToString() =>
        Parameters.Count == 0
            ? Text
            : Text + "\n" + string.Join("\n", Parameters.Select(p => $"-- {p.Name} = {Evaluation.ValueText.Format(p.Value)} ({p.Type.ToDisplayName()})"));
}

/// <summary>A parameter of generated SQL: its placeholder, its value (see <see cref="MetricValues"/>) and its language type.</summary>
public sealed record SqlParameter(string Name, object? Value, MetricType Type);
