using Sprache;

namespace Cdp.Rules.Parsing;

/// <summary>
/// A Sprache input that can jump ahead by a whole token in one step and computes line and column only
/// when a message needs them. There is one instance per position of a parse (Sprache's own input makes
/// a new object, with a new memo table for <c>Parse.Ref</c>, at every step), shared through the cache.
/// </summary>
internal sealed class RuleInput : IInput
{
    private readonly RuleInput?[] _cache;
    private Dictionary<object, object>? _memos;

    public RuleInput(string source, int position = 0)
        : this(source, position, new RuleInput?[source.Length + 1])
    {
    }

    private RuleInput(string source, int position, RuleInput?[] cache)
    {
        Source = source;
        Position = position;
        _cache = cache;
        _cache[position] = this;
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
        : AdvanceBy(1);

    public IInput AdvanceBy(int count) => _cache[Position + count] ?? new RuleInput(Source, Position + count, _cache);

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Source, Position);

    public override string ToString() => $"Line {Line}, Column {Column}";
}
