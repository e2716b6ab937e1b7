using Cdp.Rules;

namespace Cdp.Host.Rules;

/// <summary>A checked rule as the text of a target: what <c>rules compile</c> prints and <c>POST /api/rules/compile</c> answers.</summary>
internal static class RuleCompilation
{
    public static IEnumerable<string> Targets => SqlDialects.Names.Prepend("linq").Append("mongo");

    /// <summary>The compiled text, or null for an unknown target.</summary>
    public static string? Compile(Rule rule, string target, RuleClock clock, string? table = null)
    {
        if (target == "linq")
        {
            return LinqTarget.ToRowsExpression(rule, clock).ToString();
        }

        if (target == "mongo")
        {
            return MongoTarget.ToJson(MongoTarget.ToFilter(rule, clock).GetOutputOrThrow());
        }

        return SqlDialects.Find(target) is { } dialect
            ? (table is null ? SqlTarget.Condition(rule, dialect, clock) : SqlTarget.Select(rule, dialect, clock, table)).ToString()
            : null;
    }
}
