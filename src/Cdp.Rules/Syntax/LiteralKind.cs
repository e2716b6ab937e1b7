namespace Cdp.Rules.Syntax;

/// <summary>What kind of value a literal holds, and so the CLR type of <see cref="LiteralNode.Value"/>.</summary>
public enum LiteralKind
{
    /// <summary>A whole number such as <c>3</c>: <see cref="long"/>.</summary>
    Integer,
    /// <summary>A number with a fraction, exponent or percent sign such as <c>0.2</c>, <c>1e3</c>, <c>20%</c>: an exact <see cref="decimal"/>.</summary>
    Decimal,
    /// <summary>Quoted text: <see cref="string"/>.</summary>
    Text,
    /// <summary><c>TRUE</c> or <c>FALSE</c>: <see cref="bool"/>.</summary>
    Boolean,
    /// <summary><c>NULL</c>, which the checker rejects wherever it is written as a value.</summary>
    Null,
    /// <summary>A calendar date such as <c>2019-10-01</c>: <see cref="DateOnly"/>.</summary>
    Date,
    /// <summary>A UTC instant such as <c>2019-10-01T08:30:00Z</c>: <see cref="DateTime"/> of kind UTC.</summary>
    Timestamp,
    /// <summary>A length of time such as <c>7d</c>: <see cref="Syntax.Duration"/>.</summary>
    Duration,
}
