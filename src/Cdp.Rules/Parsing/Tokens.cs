using Cdp.Rules.Syntax;
using Sprache;

namespace Cdp.Rules.Parsing;

/// <summary>
/// Token-level Sprache parsers. Each skips the whitespace and comments before it and, when it fails,
/// fails at the position before them, so that a failed token never counts as consumed input and the
/// exclusive combinators (XOr, XMany, XOptional) report the deepest real mistake.
/// </summary>
internal static class Tokens
{
    // A raw recogniser's own failure is replaced by its Token wrapper's, which names the expectation.
    private static readonly string[] NoExpectations = [];

    private static IResult<T> Miss<T>(IInput input) => Result.Failure<T>(input, RawMiss, NoExpectations);

    private const string RawMiss = "replaced by the token's expectation";

    public static IInput SkipTrivia(IInput input)
    {
        var source = input.Source;
        var position = input.Position;
        var end = position;
        while (end < source.Length)
        {
            if (char.IsWhiteSpace(source[end]))
            {
                end++;
            }
            else if (source[end] == '-' && end + 1 < source.Length && source[end + 1] == '-')
            {
                while (end < source.Length && source[end] != '\n')
                {
                    end++;
                }
            }
            else
            {
                break;
            }
        }

        return Advance(input, end - position);
    }

    public static IInput Advance(IInput input, int count)
    {
        if (input is RuleInput fast)
        {
            return fast.AdvanceBy(count);
        }

        for (var k = 0; k < count; k++)
        {
            input = input.Advance();
        }

        return input;
    }

    /// <summary>Wraps a parser that starts at the first significant character.</summary>
    public static Parser<T> Token<T>(Func<IInput, IResult<T>> raw, string expectation)
    {
        var message = "expected " + expectation;
        string[] expectations = [expectation];
        return input =>
        {
            var start = SkipTrivia(input);
            var result = raw(start);
            return result.WasSuccessful ? result : Result.Failure<T>(input, message, expectations);
        };
    }

    public static Parser<TextSpan> Keyword(string word) => Token(input =>
    {
        var source = input.Source;
        var at = input.Position;
        var end = at + word.Length;
        if (end <= source.Length
            && string.Compare(source, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (end == source.Length || !Lexeme.IsIdentifierPart(source[end])))
        {
            return Result.Success(new TextSpan(at, word.Length), Advance(input, word.Length));
        }

        return Miss<TextSpan>(input);
    }, word);

    public static Parser<TextSpan> Symbol(string symbol) => Token(input =>
    {
        var source = input.Source;
        var at = input.Position;
        if (string.CompareOrdinal(source, at, symbol, 0, symbol.Length) == 0)
        {
            return Result.Success(new TextSpan(at, symbol.Length), Advance(input, symbol.Length));
        }

        return Miss<TextSpan>(input);
    }, $"`{symbol}`");

    public static readonly Parser<(string Name, TextSpan Span)> Identifier = Token(input =>
    {
        var source = input.Source;
        var at = input.Position;
        if (at < source.Length && Lexeme.IsIdentifierStart(source[at]))
        {
            var end = Lexeme.ScanIdentifier(source, at);
            var name = source[at..end];
            if (!Keywords.IsReserved(name))
            {
                return Result.Success((name, TextSpan.FromBounds(at, end)), Advance(input, end - at));
            }
        }

        return Miss<(string, TextSpan)>(input);
    }, "a metric name");

    public static readonly Parser<LiteralNode> Text = Token(input =>
    {
        var source = input.Source;
        var at = input.Position;
        if (at < source.Length && source[at] is '\'' or '"')
        {
            var end = Lexeme.ScanText(source, at, out var value);
            if (end > 0)
            {
                return Result.Success(new LiteralNode(TextSpan.FromBounds(at, end), LiteralKind.Text, value), Advance(input, end - at));
            }
        }

        return Miss<LiteralNode>(input);
    }, "a text in quotes");

    public static readonly Parser<LiteralNode> Numeric = Token(input =>
    {
        var source = input.Source;
        var at = input.Position;
        if (at < source.Length && char.IsAsciiDigit(source[at]))
        {
            var end = Lexeme.ScanNumeric(source, at, out var kind, out var value, out var error);
            if (error is null)
            {
                return Result.Success(new LiteralNode(TextSpan.FromBounds(at, end), kind, value), Advance(input, end - at));
            }
        }

        return Miss<LiteralNode>(input);
    }, "a value");

    public static readonly Parser<TextSpan> EndOfRule = Token(input =>
        input.AtEnd
            ? Result.Success(new TextSpan(input.Position, 0), input)
            : Miss<TextSpan>(input), "the end of the rule");
}
