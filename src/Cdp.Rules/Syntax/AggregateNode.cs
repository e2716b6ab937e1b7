namespace Cdp.Rules.Syntax;

/// <summary>
/// An event aggregate (v2): <c>COUNT(purchases WHERE brand = 'apple' IN LAST 90d)</c>. It stands where a metric can;
/// its value is computed from the customer's events: those of <see cref="KindName"/> for which <see cref="Where"/>
/// is TRUE, inside the window (<see cref="Last"/> or <see cref="Since"/>, and always before <c>now()</c>).
/// </summary>
public sealed class AggregateNode : RuleNode
{
    /// <summary>Creates an aggregate.</summary>
    public AggregateNode(TextSpan span, AggregateFunction function, string? field, TextSpan fieldSpan, string kindName, TextSpan kindSpan,
        RuleNode? where, LiteralNode? last, RuleNode? since) : base(span)
    {
        Function = function;
        Field = field;
        FieldSpan = fieldSpan;
        KindName = kindName;
        KindSpan = kindSpan;
        Where = where;
        Last = last;
        Since = since;
    }

    /// <summary>What is computed.</summary>
    public AggregateFunction Function { get; }
    /// <summary>The event field of COUNT DISTINCT, SUM, AVG, MIN and MAX; null for COUNT, FIRST and LAST.</summary>
    public string? Field { get; }
    /// <summary>Where the field was written (empty without one).</summary>
    public TextSpan FieldSpan { get; }
    /// <summary>The kind as written (<c>purchases</c>); the checker resolves it to an <see cref="EventKind"/>.</summary>
    public string KindName { get; }
    /// <summary>Where the kind was written.</summary>
    public TextSpan KindSpan { get; }
    /// <summary>The condition over the event's fields, if any.</summary>
    public RuleNode? Where { get; }
    /// <summary>The duration of <c>IN LAST d</c>, if that is the window.</summary>
    public LiteralNode? Last { get; }
    /// <summary>The start of <c>SINCE x</c>, if that is the window.</summary>
    public RuleNode? Since { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitAggregate(this);
}
