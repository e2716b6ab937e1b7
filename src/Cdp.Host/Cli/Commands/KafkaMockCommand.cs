using Cdp.Pipeline.Kafka;

namespace Cdp.Host.Cli.Commands;

/// <summary>
/// <c>kafka-mock [--partitions N]</c>: librdkafka's mock cluster with the events and dead-letter topics,
/// for trying the Kafka path without Kafka. Prints the bootstrap address and runs until stdin closes or
/// the process is stopped.
/// </summary>
internal static class KafkaMockCommand
{
    public static int Run(Arguments arguments, TextReader stdin, TextWriter stdout)
    {
        var partitions = int.TryParse(arguments.Value("partitions") ?? "4", out var count) && count > 0
            ? count
            : throw new UsageException("--partitions takes a positive whole number");
        var topic = arguments.Value("topic") ?? KafkaTopics.Events;
        using var cluster = new KafkaMockCluster();
        cluster.CreateTopic(topic, partitions);
        cluster.CreateTopic(KafkaTopics.DeadLetter(topic), 1);
        stdout.WriteLine(cluster.BootstrapServers);
        stdout.Flush();
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Set();
        _ = Task.Run(() =>
        {
            while (stdin.Read() >= 0)
            {
            }

            stop.Set();
        });
        stop.Wait();
        return ExitCodes.Success;
    }
}
