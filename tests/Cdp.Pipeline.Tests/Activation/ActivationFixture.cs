using Cdp.Pipeline.Activation;
using Cdp.Pipeline.Metrics;
using Cdp.Pipeline.Profiles;
using Cdp.Pipeline.Store;

namespace Cdp.Pipeline.Tests.Activation;

/// <summary>A store whose profiles are set by hand (user id → spend_30d), for segments over spend and their changes.</summary>
internal sealed class ActivationFixture : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    public ActivationFixture() => Store = EmbeddedStore.Open(_data.Path, ProfileCatalog.Default);

    public EmbeddedStore Store { get; }

    public string DataPath => _data.Path;

    /// <summary>Replaces the profiles: one per spend, user ids from 1; the segments are evaluated as of <paramref name="asOf"/>.</summary>
    public void Load(DateOnly asOf, params decimal[] spends) =>
        Store.LoadProfiles(spends.Select((s, i) => new ProfileRow(i + 1, new Dictionary<string, object?> { ["spend_30d"] = s })), asOf);

    public void AddDestination(string name, DestinationKind kind = DestinationKind.Webhook, string[]? segments = null, int batchSize = 500, int maxAttempts = 3) =>
        Assert.True(Store.Activation.Add(new Destination(name, kind, kind == DestinationKind.Webhook ? "http://127.0.0.1:9/hook" : "x", "S", segments ?? [], maxAttempts, batchSize, "test", DateTime.UtcNow)));

    /// <summary>Every change written for a destination, batch by batch, in order.</summary>
    public List<MembershipChange> Changes(string destination) =>
        [.. Store.Activation.Log(destination, 10_000).OrderBy(b => b.Id).SelectMany(b => Store.Activation.Changes(destination, b.Id))];

    public void Dispose()
    {
        Store.Dispose();
        _data.Dispose();
    }
}
