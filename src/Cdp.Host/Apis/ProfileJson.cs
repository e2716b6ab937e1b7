using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Rules;

namespace Cdp.Host.Apis;

/// <summary>A profile as JSON: <c>{"userId":…,"metrics":{name: value}}</c>, values in their JSON types (NULL is null).</summary>
internal static class ProfileJson
{
    public static object Write(ProfileRow profile) => new { userId = profile.UserId, metrics = profile.Metrics };

    /// <summary>Every metric of the catalog with its type, description, unit and the customer's value.</summary>
    public static IEnumerable<object> Described(ProfileRow profile, ProfileCatalog catalog) => catalog.Declarations.Select(d => new
    {
        name = d.Name,
        type = d.Type.ToDisplayName(),
        description = d.Description,
        unit = d.Unit,
        value = profile.Metrics.GetValueOrDefault(d.Name),
        text = profile.Metrics.GetValueOrDefault(d.Name) is { } value ? ProfileValueFormat.Format(value) : "NULL",
    });
}
