using System.Globalization;

namespace Cdp.Testing;

/// <summary>
/// Generated v2 rules for the cross-backend property: one to three comparisons of generated aggregates (every function,
/// kind, field, WHERE and window) with literals of their types, joined by AND, OR and NOT, over the profile catalog of
/// <see cref="V2Rules"/>. The same seed gives the same rules.
/// </summary>
public static class V2RuleTexts
{
    private static readonly string[] Kinds = ["events", "views", "carts", "removals", "purchases"];
    private static readonly string[] Wheres =
    [
        "", "", " WHERE brand = 'apple'", " WHERE brand != 'apple'", " WHERE brand IS NULL", " WHERE price > 100",
        " WHERE category_code STARTS WITH 'electronics'", " WHERE price BETWEEN 0 AND 10 OR brand IN ('zte', 'Apple')",
        " WHERE NOT (user_session IS NULL)", " WHERE lower(brand) = 'apple'", " WHERE event_time >= now() - 3d",
    ];
    private static readonly string[] Windows = ["", "", " IN LAST 7d", " IN LAST 14d", " IN LAST 30d", " IN LAST 36h", " SINCE 2019-10-20", " SINCE today() - 10d"];

    public static IReadOnlyList<string> Generate(int seed, int count)
    {
        var random = new Random(seed);
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        string Events() => Pick(Kinds) + Pick(Wheres) + Pick(Windows);
        string Atom() => random.Next(9) switch
        {
            0 => $"COUNT({Events()}) {Pick(["=", ">=", "<", "!="])} {random.Next(4)}",
            1 => $"COUNT(DISTINCT {Pick(["brand", "user_session", "product_id", "category_code"])} OF {Events()}) > {random.Next(3)}",
            2 => $"SUM(price OF {Events()}) {Pick([">", "<=", "="])} {Pick(["0", "9.99", "250", "1000.5"])}",
            3 => $"SUM(product_id OF {Events()}) > {random.Next(10)}",
            4 => $"AVG(price OF {Events()}) {Pick([">=", "<", "IS NULL", "IS NOT NULL"]) switch { var n when n.StartsWith('I') => n, var op => op + " " + Pick(["9.99", "100", "250"]) }}",
            5 => $"MIN(brand OF {Events()}) {Pick(["< 'b'", "= 'apple'", "IS NULL", ">= 'a'"])}",
            6 => $"MAX(price OF {Events()}) {Pick(["> 100", "<= 9.99", "IS NULL"])}",
            7 => $"{Pick(["FIRST", "LAST"])}({Events()}) {Pick(["< now() - 7d", ">= 2019-10-25", "IS NULL", "IS NOT NULL"])}",
            _ => Pick(["in_segment('big_spenders')", "NOT in_segment('lapsed_buyers')", "spend_30d > 100", "is_buyer"]),
        };
        string Rule(int depth) => depth == 0 || random.Next(3) == 0
            ? (random.Next(6) == 0 ? "NOT (" + Atom() + ")" : Atom())
            : $"({Rule(depth - 1)}) {Pick(["AND", "OR"])} ({Rule(depth - 1)})";

        var texts = new HashSet<string>(StringComparer.Ordinal); // distinct, so that each is a test case of its own
        var ordered = new List<string>(count);
        while (ordered.Count < count)
        {
            var text = Rule(2);
            if (texts.Add(text))
            {
                ordered.Add(text);
            }
        }

        return ordered;
    }
}
