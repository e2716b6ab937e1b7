using Cdp.Fuzzing;

// cdp-fuzz afl rule|event        one input from AFL (the assemblies instrumented by sharpfuzz; docs/fuzzing.md)
// cdp-fuzz smoke rule|event [--iterations N] [--seed S]   seeded mutations of the corpus, in process, for CI
// cdp-fuzz replay rule|event DIR  every file of a folder (AFL's crashes, say) through the target
if (args.Length < 2 || Target(args[1]) is not { } target)
{
    Console.Error.WriteLine("usage: cdp-fuzz afl|smoke|replay rule|event [--iterations N] [--seed S] [DIR]");
    return 2;
}

switch (args[0])
{
    case "afl":
        SharpFuzz.Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
        return 0;
    case "smoke":
        return SmokeRun.Run(args[1], target, Option(args, "--iterations", 20_000), Option(args, "--seed", 1));
    case "replay" when args.Length > 2:
        return SmokeRun.Replay(target, args[2]);
    default:
        Console.Error.WriteLine($"unknown mode `{args[0]}`");
        return 2;
}

static FuzzTarget? Target(string name) => name switch
{
    "rule" => FuzzTargets.Rule,
    "event" => FuzzTargets.EventLine,
    _ => null,
};

static int Option(string[] args, string name, int fallback) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;

internal delegate void FuzzTarget(ReadOnlySpan<byte> input);
