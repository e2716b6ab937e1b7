using Cdp.Pipeline.Metrics;

namespace Cdp.Testing;

/// <summary>
/// The platform's e-commerce metrics (docs/metrics.md), which the language's examples and golden cases are
/// written against. The package itself has no catalog: every parse names the one it checks against.
/// </summary>
public static class ShopCatalog
{
    public static MetricCatalog Instance => ProfileCatalog.Default.Catalog;
}
