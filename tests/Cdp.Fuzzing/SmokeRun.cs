using System.Diagnostics;
using System.Text;

namespace Cdp.Fuzzing;

/// <summary>
/// The short deterministic fuzz run of CI: the seed corpus, then seeded mutations of it (bit flips, byte
/// insertions and deletions, splices of two inputs, tokens of the language dropped in). Far weaker than AFL's
/// coverage-guided search, but the same targets and the same verdict: any exception is a crash, written to
/// a file to replay, and the run fails.
/// </summary>
internal static class SmokeRun
{
    private static readonly string[] Tokens =
    [
        " AND ", " OR ", " NOT ", "(", ")", "'", "''", " = ", " != ", " <= ", " >= ", " IN (", " BETWEEN ", " IS NULL", " HAS ", " CONTAINS ",
        " STARTS WITH ", "now()", " - 30d", "lower(", "coalesce(", "abs(", "days_since(", "9223372036854775807", "1e308", "0.1", "-", "/", "*", "%",
        "sessions_7d", "spend_30d", "cart_rate", "top_brand_30d", "last_seen_at", "viewed_categories_30d", "is_buyer", "\u0000", "\u202E", "😀", "\r\n",
        ",", "\"", " UTC", "2019-10-01 00:00:00 UTC", "purchase", "9999999999999999.99", "1.999", "99999-12-31",
    ];

    public static int Run(string name, FuzzTarget target, int iterations, int seed)
    {
        var corpus = Corpus(name);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var executions = 0;
        foreach (var input in corpus)
        {
            if (!Try(target, input, name, ref executions))
            {
                return 1;
            }
        }

        for (var i = 0; i < iterations; i++)
        {
            if (!Try(target, Mutate(corpus[random.Next(corpus.Count)], corpus, random), name, ref executions))
            {
                return 1;
            }
        }

        Console.WriteLine($"fuzz {name}: {executions} executions in {clock.Elapsed.TotalSeconds:F1} s, 0 crashes (seed {seed}, corpus {corpus.Count})");
        return 0;
    }

    public static int Replay(FuzzTarget target, string folder)
    {
        var crashes = 0;
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            try
            {
                target(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                crashes++;
                Console.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
            }
        }

        Console.WriteLine($"replayed {Directory.GetFiles(folder).Length} inputs, {crashes} crashes");
        return crashes == 0 ? 0 : 1;
    }

    private static bool Try(FuzzTarget target, byte[] input, string name, ref int executions)
    {
        executions++;
        try
        {
            target(input);
            return true;
        }
        catch (Exception e)
        {
            var file = Path.Combine(Path.GetTempPath(), $"cdp-fuzz-{name}-crash-{executions}.bin");
            File.WriteAllBytes(file, input);
            Console.Error.WriteLine($"fuzz {name}: crash on input {executions} ({file}): {e}");
            return false;
        }
    }

    private static List<byte[]> Corpus(string name) =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "corpus", name)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];

    private static byte[] Mutate(byte[] seed, List<byte[]> corpus, Random random)
    {
        var bytes = new List<byte>(seed);
        for (var edits = random.Next(1, 6); edits > 0; edits--)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count + 1);
            switch (random.Next(5))
            {
                case 0 when bytes.Count > 0:
                    var bit = random.Next(bytes.Count);
                    bytes[bit] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(Math.Min(at, bytes.Count - 1), Math.Min(random.Next(1, 8), bytes.Count - Math.Min(at, bytes.Count - 1)));
                    break;
                case 3:
                    var other = corpus[random.Next(corpus.Count)];
                    var from = random.Next(other.Length + 1);
                    bytes.InsertRange(at, other.Skip(from).Take(random.Next(1, 40)));
                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
            }
        }

        return [.. bytes];
    }
}
