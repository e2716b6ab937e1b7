using System.Data;
using System.Data.Common;

namespace Cdp.Rules;

/// <summary>
/// Generated SQL and the values of its parameters. The text never contains user text: every literal
/// of the rule (and the as-of clock) is a parameter, except in Spark SQL, whose literals are escaped.
/// </summary>
/// <param name="Text">The SQL: a boolean expression, or a whole SELECT.</param>
/// <param name="Parameters">
/// The parameters in placeholder order. Placeholders are positional (<c>$1</c> is the first parameter added
/// to the command, <c>$2</c> the second): add them unnamed and in order, as <see cref="ApplyTo"/> does. A
/// parameter named "$1" (<c>AddWithValue("$1", ...)</c>) is not positional, and PostgreSQL refuses the
/// statement (08P01).
/// </param>
public sealed record SqlQuery(string Text, IReadOnlyList<SqlParameter> Parameters)
{
    /// <summary>
    /// Sets the command's text and adds every parameter, unnamed, in placeholder order, each with its exact
    /// type: a timestamp as <see cref="DbType.DateTime2"/> of kind Unspecified (the UTC instant as PostgreSQL's
    /// <c>timestamp without time zone</c>; a UTC <see cref="DateTime"/> bound the obvious way goes as
    /// <c>timestamptz</c> and the server's <c>TimeZone</c> shifts it), money as <see cref="DbType.Decimal"/>,
    /// a date as <see cref="DateOnly"/>, a text list as an array. Works with Npgsql and DuckDB.NET; the
    /// command's parameters are replaced.
    /// </summary>
    public DbCommand ApplyTo(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandText = Text;
        command.Parameters.Clear();
        foreach (var parameter in Parameters)
        {
            var bound = command.CreateParameter();
            (bound.Value, var type) = Bound(parameter);
            if (type is { } known)
            {
                bound.DbType = known;
            }

            command.Parameters.Add(bound);
        }

        return command;
    }

    private static (object Value, DbType? Type) Bound(SqlParameter parameter) => (parameter.Value, parameter.Type) switch
    {
        (null, _) => (DBNull.Value, null),
        (DateTime t, _) => (DateTime.SpecifyKind(MetricValues.ToUtc(t), DateTimeKind.Unspecified), DbType.DateTime2),
        (var v, MetricType.Money) => (Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture), DbType.Decimal),
        (var v, MetricType.Int) => (Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture), DbType.Int64),
        (var v, MetricType.Number) => (Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture), DbType.Double),
        (bool b, _) => (b, DbType.Boolean),
        (string text, _) => (text, DbType.String),
        (IEnumerable<string> list, _) => (list.ToArray(), null),
        (var v, _) => (v, null), // DateOnly, TimeSpan: the providers infer date and interval
    };

    /// <summary>The SQL followed by one line a parameter, for people and golden files.</summary>
    public override string ToString() =>
        Parameters.Count == 0
            ? Text
            : Text + "\n" + string.Join("\n", Parameters.Select(p => $"-- {p.Name} = {Evaluation.ValueText.Format(p.Value)} ({p.Type.ToDisplayName()})"));
}

/// <summary>A parameter of generated SQL: its placeholder, its value (see <see cref="MetricValues"/>) and its language type.</summary>
public sealed record SqlParameter(string Name, object? Value, MetricType Type);
