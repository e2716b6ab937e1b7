using System.Runtime.CompilerServices;

namespace Cdp.Rules.Columnar;

/// <summary>An int or money operand as a number, the way the reference converts it (money exactly rounded to the nearest double).</summary>
internal sealed class ToNumberOperand(NumericOperand<long> operand) : NumericOperand<double>(MetricType.Number, 0)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override ulong Fill(int first, Span<double> values)
    {
        Span<long> source = stackalloc long[values.Length];
        var valid = operand.Fill(first, source);
        NumericLanes.ToNumbers(source, values, operand.Type == MetricType.Money ? operand.Scale : 0);
        return valid;
    }

    public override string ToString() => $"number({operand})";
}

/// <summary>An int or money operand as money with more decimal places (values times 10^places, checked).</summary>
internal sealed class RescaleOperand(int scale, long factor, NumericOperand<long> operand) : NumericOperand<long>(MetricType.Money, scale)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override ulong Fill(int first, Span<long> values)
    {
        var valid = operand.Fill(first, values);
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = checked(values[k] * factor);
        }

        return valid;
    }

    public override string ToString() => $"({operand} * {factor}){Places}";
}
