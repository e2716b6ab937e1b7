namespace Cdp.Pipeline.Events;

/// <summary>An event of a batch that was refused: its place in the batch (from 0) and why.</summary>
public sealed record RefusedEvent(int Index, string Reason);

/// <summary>
/// A collector batch read once (<see cref="EventJson.ReadBatch"/>): the valid events in order and the refused
/// ones, or the problem that refuses the whole batch (<see cref="TooMany"/> when it was its size).
/// </summary>
public sealed record EventBatchRead(IReadOnlyList<CommerceEvent> Events, IReadOnlyList<RefusedEvent> Refused, string? BatchProblem, bool TooMany)
{
    internal static EventBatchRead Problem(string problem, bool tooMany = false) => new([], [], problem, tooMany);
}
