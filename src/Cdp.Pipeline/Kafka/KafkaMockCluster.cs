using System.Runtime.InteropServices;
using System.Text;

namespace Cdp.Pipeline.Kafka;

/// <summary>
/// librdkafka's built-in mock cluster: a real Kafka-protocol broker on 127.0.0.1 ports, in this process,
/// for tests and for trying the pipeline without Kafka (<c>cdp kafka-mock</c>). Topics are created here
/// (the mock has no Admin API). Each partition keeps at most about 5 MiB.
/// </summary>
public sealed partial class KafkaMockCluster : IDisposable
{
    private const string Library = "librdkafka";
    private static readonly object s_resolverLock = new();
    private static bool s_resolverInstalled;
    private IntPtr _client;
    private IntPtr _cluster;

    public KafkaMockCluster(int brokers = 1)
    {
        InstallResolver();
        var conf = rd_kafka_conf_new();
        var error = new StringBuilder(512);
        _client = rd_kafka_new(0, conf, error, (UIntPtr)error.Capacity);
        if (_client == IntPtr.Zero)
        {
            throw new InvalidOperationException("librdkafka could not create a client for the mock cluster: " + error);
        }

        _cluster = rd_kafka_mock_cluster_new(_client, brokers);
        if (_cluster == IntPtr.Zero)
        {
            throw new InvalidOperationException("librdkafka could not start a mock cluster");
        }

        rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 0);
        BootstrapServers = Marshal.PtrToStringAnsi(rd_kafka_mock_cluster_bootstraps(_cluster))
            ?? throw new InvalidOperationException("the mock cluster has no bootstrap address");
    }

    /// <summary>The brokers' addresses, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Creates a topic.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        var code = rd_kafka_mock_topic_create(_cluster, topic, partitions, replicationFactor);
        if (code != 0)
        {
            throw new InvalidOperationException($"the mock cluster could not create topic {topic} (error {code})");
        }
    }

    public void Dispose()
    {
        if (_cluster != IntPtr.Zero)
        {
            rd_kafka_mock_cluster_destroy(_cluster);
            _cluster = IntPtr.Zero;
        }

        if (_client != IntPtr.Zero)
        {
            rd_kafka_destroy(_client);
            _client = IntPtr.Zero;
        }
    }

    /// <summary>
    /// Binds "librdkafka" to the very file Confluent.Kafka loaded (on Debian it falls back from the default
    /// build, which needs libsasl2, to the centos8 one), found in /proc/self/maps after touching the library.
    /// </summary>
    private static void InstallResolver()
    {
        // A lock, not a flag: a second cluster started meanwhile must wait for the resolver, or its first
        // call probes the default build and fails on libsasl2.
        lock (s_resolverLock)
        {
            if (s_resolverInstalled)
            {
                return;
            }

            _ = Confluent.Kafka.Library.VersionString;
            var loaded = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault())
                .FirstOrDefault(path => path is not null && path.Contains("librdkafka", StringComparison.Ordinal) && path.EndsWith(".so", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("Confluent.Kafka did not load librdkafka");
            NativeLibrary.SetDllImportResolver(typeof(KafkaMockCluster).Assembly, (name, _, _) =>
                name == Library ? NativeLibrary.Load(loaded) : IntPtr.Zero);
            s_resolverInstalled = true;
        }
    }

#pragma warning disable SYSLIB1054 // StringBuilder marshalling needs DllImport, not LibraryImport.
    [DllImport(Library)]
    private static extern IntPtr rd_kafka_conf_new();

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_new(int type, IntPtr conf, StringBuilder errstr, UIntPtr errstrSize);

    [DllImport(Library)]
    private static extern void rd_kafka_destroy(IntPtr rk);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [DllImport(Library, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitionCount, int replicationFactor);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);
#pragma warning restore SYSLIB1054
}
