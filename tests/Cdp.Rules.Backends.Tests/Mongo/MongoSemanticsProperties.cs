using Cdp.Rules.Backends.Tests.Engines;
using Cdp.Rules.Syntax;
using FsCheck;
using FsCheck.Xunit;

namespace Cdp.Rules.Backends.Tests.Mongo;

/// <summary>
/// The MongoDB filter selects exactly the reference's members, judged by mingo: 500 generated rules over
/// 200 profiles each. mingo holds Decimal128 as a JavaScript double, so rules that compute money
/// (+ - * / on money) are left to a real MongoDB; money compared as stored is still in.
/// </summary>
public class MongoSemanticsProperties(SharedFixture<MingoEngine> mingo) : IClassFixture<SharedFixture<MingoEngine>>
{
    [Property(MaxTest = 500, MaxRejected = 5000)]
    public Property Mongo_filter_selects_the_reference_members() =>
        Differential.SameMembers(mingo.Value, Filter, rule => !ComputesMoney(rule));

    internal static string Filter(Rule rule) => MongoTarget.ToJson(MongoTarget.ToFilter(rule, ValuePools.Clock).GetOutputOrThrow());

    internal static bool ComputesMoney(Rule rule) => Any(rule, node => node is ArithmeticNode && rule.TypeOf(node) == MetricType.Money);

    internal static bool Any(Rule rule, Func<RuleNode, bool> test)
    {
        var pending = new Stack<RuleNode>([rule.Syntax]);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (test(node))
            {
                return true;
            }

            foreach (var child in SyntaxChildren.Of(node))
            {
                pending.Push(child);
            }
        }

        return false;
    }
}
