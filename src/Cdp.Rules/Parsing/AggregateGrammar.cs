using Cdp.Rules.Syntax;
using Sprache;
using static Cdp.Rules.Parsing.Tokens;

namespace Cdp.Rules.Parsing;

/// <summary>
/// The v2 event aggregates: <c>COUNT(kind ...)</c>, <c>COUNT(DISTINCT field OF kind ...)</c>,
/// <c>SUM|AVG|MIN|MAX(field OF kind ...)</c>, <c>FIRST|LAST(kind ...)</c>, where <c>kind ...</c> is
/// <c>kind [WHERE condition] [IN LAST duration | SINCE expression]</c>. The function words are read as aggregates
/// only before <c>(</c>, and DISTINCT, OF, WHERE, LAST and SINCE only in these places: none is reserved, so a
/// metric named <c>last</c> keeps its meaning. The checker resolves the kind and the field (and says what is wrong).
/// </summary>
internal static class Aggregates
{
    private static readonly Dictionary<string, AggregateFunction> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["COUNT"] = AggregateFunction.Count,
        ["SUM"] = AggregateFunction.Sum,
        ["AVG"] = AggregateFunction.Avg,
        ["MIN"] = AggregateFunction.Min,
        ["MAX"] = AggregateFunction.Max,
        ["FIRST"] = AggregateFunction.First,
        ["LAST"] = AggregateFunction.Last,
    };

    /// <summary>The words that start an aggregate (before a parenthesis).</summary>
    public static IEnumerable<string> Words => Functions.Keys;

    private static readonly Parser<(string Name, TextSpan Span)> Kind = Identifier.Named("an event kind");

    private static readonly Parser<RuleNode?> Where =
        (from keyword in Keyword("WHERE") from condition in RuleGrammar.Condition select condition).XOptional().Select(o => o.GetOrDefault());

    private static readonly Parser<(LiteralNode? Last, RuleNode? Since)> Window =
        (from @in in Keyword("IN")
         from last in Keyword("LAST")
         from duration in Numeric
         select ((LiteralNode?)duration, (RuleNode?)null))
        .XOr(from since in Keyword("SINCE")
             from start in RuleGrammar.Expression
             select ((LiteralNode?)null, (RuleNode?)start))
        .XOptional()
        .Select(o => o.IsDefined ? o.Get() : (null, null));

    private static readonly Parser<(string? Field, TextSpan FieldSpan)> FieldOf =
        from field in Identifier.Named("an event field")
        from of in Keyword("OF")
        select ((string?)field.Name, field.Span);

    /// <summary>The parenthesised part of an aggregate whose function word was read as <paramref name="name"/>; fails without consuming for any other word.</summary>
    public static Parser<RuleNode> Call((string Name, TextSpan Span) name) => input =>
    {
        if (!Functions.TryGetValue(name.Name, out var function) || !Symbol("(")(input).WasSuccessful)
        {
            return Result.Failure<RuleNode>(input, "an aggregate", []);
        }

        var parser =
            from open in Symbol("(")
            from distinct in function == AggregateFunction.Count ? Keyword("DISTINCT").XOptional().Select(o => o.IsDefined) : Parse.Return(false)
            from field in distinct || function is AggregateFunction.Sum or AggregateFunction.Avg or AggregateFunction.Min or AggregateFunction.Max
                ? FieldOf
                : Parse.Return<(string?, TextSpan)>((null, default))
            from kind in Kind
            from filter in Where
            from window in Window
            from close in Symbol(")")
            select (RuleNode)new AggregateNode(TextSpan.Cover(name.Span, close), distinct ? AggregateFunction.CountDistinct : function,
                field.Item1, field.Item2, kind.Name, kind.Span, filter, window.Last, window.Since);
        return parser(input);
    };
}
