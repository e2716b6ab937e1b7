using DuckDB.NET.Data;

namespace Cdp.Pipeline;

/// <summary>Commands on the embedded store's connection, every value a positional parameter ($1, $2, ...; null is NULL).</summary>
internal static class DuckDbCommands
{
    public static DuckDBCommand Command(this DuckDBConnection connection, string sql, params IEnumerable<object?> arguments)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new DuckDBParameter(argument ?? DBNull.Value));
        }

        return command;
    }

    /// <summary>The first column of the first row; null for SQL NULL.</summary>
    public static object? Scalar(this DuckDBConnection connection, string sql, params IEnumerable<object?> arguments)
    {
        using var command = connection.Command(sql, arguments);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Every row of a query, each made into a value by <paramref name="row"/>.</summary>
    public static List<T> Rows<T>(this DuckDBConnection connection, string sql, Func<DuckDBDataReader, T> row, params IEnumerable<object?> arguments)
    {
        using var command = connection.Command(sql, arguments);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    /// <summary>A text as a DuckDB string literal (for the few places that take no parameter, such as a table function's file list).</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Files (or globs) as the list literal that <c>read_parquet</c> takes.</summary>
    public static string FileList(IEnumerable<string> files) => "[" + string.Join(", ", files.Select(Literal)) + "]";

    /// <summary>The names of a table's columns (none when there is no such table).</summary>
    public static HashSet<string> ColumnNames(this DuckDBConnection connection, string table) =>
        connection.Rows("SELECT column_name FROM information_schema.columns WHERE table_name = $1", r => r.GetString(0), table).ToHashSet(StringComparer.Ordinal);

    public static void Execute(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A statement with positional parameters ($1, $2, ...; null is NULL); how many rows it changed.</summary>
    public static int Execute(this DuckDBConnection connection, string sql, params IEnumerable<object?> arguments)
    {
        using var command = connection.Command(sql, arguments);
        return command.ExecuteNonQuery();
    }

    /// <summary>Work on the connection in one transaction: all of it is kept, or (on any exception, which is rethrown) none.</summary>
    public static void InTransaction(this DuckDBConnection connection, Action work)
    {
        connection.Execute("BEGIN TRANSACTION");
        try
        {
            work();
            connection.Execute("COMMIT");
        }
        catch
        {
            connection.Execute("ROLLBACK");
            throw;
        }
    }
}
