namespace Cdp.Rules.Syntax;

/// <summary><c>in_segment('name')</c> (v2): TRUE when the customer is a member of that saved segment as of the same day, else FALSE.</summary>
public sealed class InSegmentNode : RuleNode
{
    /// <summary>Creates a segment reference.</summary>
    public InSegmentNode(TextSpan span, string segment, TextSpan nameSpan) : base(span)
    {
        Segment = segment;
        NameSpan = nameSpan;
    }

    /// <summary>The segment's name.</summary>
    public string Segment { get; }
    /// <summary>Where the name (the text literal) was written.</summary>
    public TextSpan NameSpan { get; }

    /// <inheritdoc />
    public override TResult Accept<TResult>(RuleVisitor<TResult> visitor) => visitor.VisitInSegment(this);
}
