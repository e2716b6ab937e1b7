using Sprache;

namespace Cdp.Rules.Parsing;

/// <summary>
/// A forward reference to a parser, memoised per position. A parse shares one <see cref="RuleInput"/> per
/// position, so a rule reached again at the same position along another alternative gets its first result
/// back, success or failure (packrat parsing). Sprache's <c>Parse.Ref</c> throws a ParseException when it finds
/// a memoised failure ("left recursion"); with shared inputs that happened on valid grammar paths, e.g. for
/// the unfinished rule <c>sessions_7d &gt; 3 AND (</c> that the editor sends while someone types.
/// </summary>
internal static class Packrat
{
    public static Parser<T> Ref<T>(Func<Parser<T>?> reference)
    {
        Parser<T>? parser = null;
        return input =>
        {
            parser ??= reference() ?? throw new InvalidOperationException("a grammar rule was referenced before it was built");
            if (input.Memos.TryGetValue(parser, out var memo))
            {
                return (IResult<T>)memo;
            }

            // Re-entered before it answered: left recursion, which this grammar does not have; fail, never loop.
            input.Memos[parser] = Result.Failure<T>(input, "left recursion in the grammar", []);
            var result = parser(input);
            input.Memos[parser] = result;
            return result;
        };
    }
}
