using Cdp.Rules.Columnar;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cdp.Rules.Tests.LanguageV2;

/// <summary>
/// The in-process targets on v2 rules, as an FsCheck property: for each generated rule (every function, kind, field,
/// WHERE and window, joined by AND, OR, NOT; a failure names the rule), LINQ over rows that hold the derived columns,
/// the columnar evaluator over the same, and LINQ over a developer's objects whose events are a collection (rules
/// without in_segment) select exactly the reference's members from the customers' events.
/// </summary>
public class V2TargetProperties
{
    private static readonly IReadOnlyList<V2Rules.Customer> Customers = V2Rules.Customers(seed: 31, count: 150);
    private static readonly List<LinqOverEventsTests.ShopCustomer> Shop = LinqOverEventsTests.AsShopCustomers(Customers);

    /// <summary>A generated v2 rule's text, from a seed FsCheck draws (the generator is the same the backend tests use).</summary>
    private static Arbitrary<string> Rules() => Gen.Choose(0, int.MaxValue).Select(seed => V2RuleTexts.Generate(seed, 1)[0]).ToArbitrary();

    [ScaledProperty(300)]
    public Property Every_in_process_target_selects_the_reference_members() =>
        Prop.ForAll(Rules(), text =>
        {
            var holding = V2Rules.Holding(text);
            var expected = V2Rules.ReferenceMembers(holding, Customers);
            var rows = Customers.Select(c => (c.Id, Row: (IReadOnlyDictionary<string, object?>)c.Holding(holding))).ToList();

            var linq = LinqTarget.CompileRows(holding, EventHistories.Clock);
            Assert.Equal(expected, rows.Where(r => linq(r.Row)).Select(r => r.Id));
            Assert.Equal(expected, ColumnarTarget.Evaluate(holding, EventHistories.Clock, ColumnTable.FromRows(rows, holding.Catalog)).UserIds());

            if (!text.Contains("in_segment", StringComparison.Ordinal))
            {
                var overEvents = LinqTarget.Compile<LinqOverEventsTests.ShopCustomer>(Rule.Parse(text, V2Rules.Profiles, V2Rules.Options).Rule!, EventHistories.Clock).GetOutputOrThrow();
                Assert.Equal(expected, Shop.Where(overEvents).Select(c => c.Id));
            }
        });
}
