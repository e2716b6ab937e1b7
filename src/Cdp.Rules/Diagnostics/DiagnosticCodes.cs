namespace Cdp.Rules;

/// <summary>The stable codes of <see cref="Diagnostic"/>s.</summary>
public static class DiagnosticCodes
{
    /// <summary>The rule text does not follow the grammar.</summary>
    public const string Syntax = "CDP0001";
    /// <summary>A character the language has no use for.</summary>
    public const string UnexpectedCharacter = "CDP0002";
    /// <summary>A quoted text is never closed.</summary>
    public const string UnterminatedText = "CDP0003";
    /// <summary>An operator from another language (&amp;&amp;, ||, !, ==).</summary>
    public const string ForeignOperator = "CDP0004";
    /// <summary>A number or date that cannot be represented.</summary>
    public const string InvalidLiteral = "CDP0005";
    /// <summary>The rule is longer than allowed.</summary>
    public const string TooLong = "CDP0010";
    /// <summary>The rule nests deeper than allowed.</summary>
    public const string TooDeep = "CDP0011";
    /// <summary>A name that is not in the metric catalog.</summary>
    public const string UnknownMetric = "CDP0101";
    /// <summary>A function that does not exist.</summary>
    public const string UnknownFunction = "CDP0102";
    /// <summary>A function called with the wrong number of arguments.</summary>
    public const string ArgumentCount = "CDP0103";
    /// <summary>Operands whose types do not fit the operator.</summary>
    public const string TypeMismatch = "CDP0104";
    /// <summary>NULL written as a value.</summary>
    public const string NullValue = "CDP0105";
    /// <summary>The whole rule is not a condition.</summary>
    public const string NotBoolean = "CDP0106";
    /// <summary>An aggregate's kind that is none of events, views, carts, removals, purchases (v2).</summary>
    public const string UnknownEventKind = "CDP0107";
    /// <summary>A name in an aggregate that is not a field of the event (v2).</summary>
    public const string UnknownEventField = "CDP0108";
    /// <summary>in_segment of a segment that is not saved (v2).</summary>
    public const string UnknownSegment = "CDP0109";
    /// <summary>A construct where it cannot stand: an aggregate inside WHERE or SINCE, a metric inside SINCE (v2).</summary>
    public const string NotAllowedHere = "CDP0110";
    /// <summary>A compile target cannot express a construct, or cannot bind the profile type.</summary>
    public const string Target = "CDP0201";
    /// <summary>A profile target needs an aggregate's or a segment reference's derived column that the profiles lack (v2).</summary>
    public const string MissingDerivedColumn = "CDP0202";
}
