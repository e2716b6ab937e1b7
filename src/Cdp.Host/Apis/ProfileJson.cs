using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Rules;

namespace Cdp.Host.Apis;

/// <summary>A profile as JSON: <c>{"userId":…,"metrics":{name: value}}</c>, values in their JSON types (NULL is null).</summary>
internal static class ProfileJson
{
    public sealed record ProfileDto(long UserId, IReadOnlyDictionary<string, object?> Metrics);

    /// <summary>One metric of a customer with its type, description, unit, value and the value as text.</summary>
    public sealed record DescribedMetric(string Name, string Type, string Description, string? Unit, object? Value, string Text);

    public static ProfileDto Write(ProfileRow profile) => new(profile.UserId, profile.Metrics);

    /// <summary>Every metric of the catalog with its type, description, unit and the customer's value.</summary>
    public static IReadOnlyList<DescribedMetric> Described(ProfileRow profile, ProfileCatalog catalog) => [.. catalog.Declarations.Select(d => new DescribedMetric(
        d.Name,
        d.Type.ToDisplayName(),
        d.Description,
        d.Unit,
        profile.Metrics.GetValueOrDefault(d.Name),
        profile.Metrics.GetValueOrDefault(d.Name) is { } value ? ProfileValueFormat.Format(value) : "NULL"))];
}
