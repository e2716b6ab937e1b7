using Sprache;

namespace Cdp.Rules.Parsing;

/// <summary>
/// A Sprache input that can jump ahead by a whole token in one step (Sprache's own input allocates
/// one object per character) and computes line and column only when a message needs them.
/// </summary>
internal sealed class RuleInput : IInput
{
    private Dictionary<object, object>? _memos;

    public RuleInput(string source, int position = 0)
    {
        Source = source;
        Position = position;
    }

    public string Source { get; }

    public int Position { get; }

    public char Current => Source[Position];

    public bool AtEnd => Position >= Source.Length;

    public int Line => Source.AsSpan(0, Math.Min(Position, Source.Length)).Count('\n') + 1;

    public int Column => Position - (Position == 0 ? 0 : Source.LastIndexOf('\n', Math.Min(Position, Source.Length) - 1) + 1) + 1;

    public IDictionary<object, object> Memos => _memos ??= [];

    public IInput Advance() => AtEnd
        ? throw new InvalidOperationException("Cannot advance beyond the end of the input.")
        : new RuleInput(Source, Position + 1);

    public IInput AdvanceBy(int count) => count == 0 ? this : new RuleInput(Source, Position + count);

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Source, Position);

    public override string ToString() => $"Line {Line}, Column {Column}";
}
