using System.Runtime.CompilerServices;
using Cdp.Rules.Mongo;

namespace Cdp.Rules.Backends.Tests.Mongo;

/// <summary>
/// Cdp.Rules.Mongo is a separate package that depends on <c>Cdp.Rules &gt;= 0.1.0</c>: it may use only what any
/// third-party target can, or a later Cdp.Rules would break it at run time.
/// </summary>
public class PackageBoundaryTests
{
    [Fact]
    public void The_mongo_package_sees_only_the_public_api_of_the_rules_package()
    {
        var friends = typeof(Rule).Assembly.GetCustomAttributes(typeof(InternalsVisibleToAttribute), false)
            .Cast<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToList();
        var mongo = typeof(MongoTarget).Assembly.GetName().Name!;

        Assert.NotEmpty(friends); // the test projects are friends, so the list is read for real
        Assert.DoesNotContain(friends, name => name.StartsWith(mongo, StringComparison.Ordinal));
    }
}
