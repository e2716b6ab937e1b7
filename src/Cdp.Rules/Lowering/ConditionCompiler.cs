using Cdp.Rules.Syntax;

namespace Cdp.Rules.Lowering;

/// <summary>
/// The base of a compile target whose booleans are two-valued (LINQ, MongoDB, a target of your own): it holds every
/// condition as a <see cref="TruthPair{T}"/>, lowers negated predicates and BETWEEN (<see cref="ConditionLowering"/>),
/// combines AND and OR by Kleene's tables and swaps for NOT, and turns a condition used as a value (a bool compared
/// with a bool, say) into the target's value once, for every kind of condition. A target writes only its
/// predicates (comparison, IN, IS NULL, text match, HAS) and its values (literals, metrics, functions, arithmetic).
/// </summary>
/// <typeparam name="T">The target's expression type.</typeparam>
public abstract class ConditionCompiler<T> : RuleVisitor<T>
{
    /// <summary>The condition as a pair, lowered first.</summary>
    public TruthPair<T> Condition(RuleNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return ConditionLowering.Lower(node) switch
        {
            LiteralNode { Value: bool b } => new TruthPair<T>(Constant(b), Constant(!b)),
            LogicalNode logical => Logical(logical),
            NotNode not => Condition(not.Operand).Negate(),
            ComparisonNode comparison => Compare(comparison),
            InNode @in => In(@in),
            IsNullNode isNull => IsNull(isNull),
            TextMatchNode match => TextMatch(match),
            HasNode has => Has(has),
            var value => FromValue(Visit(value)),
        };
    }

    private TruthPair<T> Logical(LogicalNode node)
    {
        var (isTrue, isFalse) = KleeneLogic.Combine(node.Operator, node.Operands.Select(o => Condition(o)).Select(c => (c.IsTrue, c.IsFalse)).ToList(), All, Any);
        return new TruthPair<T>(isTrue, isFalse);
    }

    /// <summary>The target's constant TRUE or FALSE condition.</summary>
    protected abstract T Constant(bool value);

    /// <summary>The target's conjunction of conditions.</summary>
    protected abstract T All(IEnumerable<T> conditions);

    /// <summary>The target's disjunction of conditions.</summary>
    protected abstract T Any(IEnumerable<T> conditions);

    /// <summary>A bool value (a metric, a function) as a condition: TRUE when it is true, FALSE when false, neither when NULL.</summary>
    protected abstract TruthPair<T> FromValue(T value);

    /// <summary>A condition as a bool value that is NULL when the condition is UNKNOWN.</summary>
    protected abstract T ToValue(TruthPair<T> condition);

    /// <summary>A comparison.</summary>
    protected abstract TruthPair<T> Compare(ComparisonNode node);

    /// <summary>A positive IN (negation is lowered to NOT).</summary>
    protected abstract TruthPair<T> In(InNode node);

    /// <summary>A positive IS NULL.</summary>
    protected abstract TruthPair<T> IsNull(IsNullNode node);

    /// <summary>A positive CONTAINS, STARTS WITH or ENDS WITH.</summary>
    protected abstract TruthPair<T> TextMatch(TextMatchNode node);

    /// <summary>A positive HAS.</summary>
    protected abstract TruthPair<T> Has(HasNode node);

    /// <inheritdoc />
    public sealed override T VisitComparison(ComparisonNode node) => ToValue(Condition(node));

    /// <inheritdoc />
    public sealed override T VisitLogical(LogicalNode node) => ToValue(Condition(node));

    /// <inheritdoc />
    public sealed override T VisitNot(NotNode node) => ToValue(Condition(node));

    /// <inheritdoc />
    public sealed override T VisitIn(InNode node) => ToValue(Condition(node));

    /// <inheritdoc />
    public sealed override T VisitBetween(BetweenNode node) => ToValue(Condition(node));

    /// <inheritdoc />
    public sealed override T VisitIsNull(IsNullNode node) => ToValue(Condition(node));

    /// <inheritdoc />
    public sealed override T VisitTextMatch(TextMatchNode node) => ToValue(Condition(node));

    /// <inheritdoc />
    public sealed override T VisitHas(HasNode node) => ToValue(Condition(node));
}
