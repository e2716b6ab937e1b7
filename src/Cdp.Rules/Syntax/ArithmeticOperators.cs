namespace Cdp.Rules.Syntax;

/// <summary>Facts about arithmetic operators that the checker, the printer and the plans share.</summary>
internal static class ArithmeticOperators
{
    /// <summary>The operator as the language writes it: <c>+</c>, <c>-</c>, <c>*</c>, <c>/</c>.</summary>
    public static string Symbol(this ArithmeticOperator op) => op switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        _ => "/",
    };
}
