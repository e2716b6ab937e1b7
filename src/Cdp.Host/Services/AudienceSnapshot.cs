using Cdp.Rules;
using Cdp.Rules.Columnar;

namespace Cdp.Host.Services;

/// <summary>
/// The stored profiles as columns in memory, as of their ETL day: what audience previews count. <see cref="Catalog"/>
/// declares its columns: the catalog's metrics and the v2 aggregates the last run computed for saved segments.
/// </summary>
public sealed record AudienceSnapshot(DateOnly? AsOf, ColumnTable Table, IMetricCatalog Catalog)
{
    /// <summary>The clock rules are evaluated at: the close of the profiles' day (or of today, with none).</summary>
    public RuleClock Clock => RuleClock.AsOfDate(AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow));
}
