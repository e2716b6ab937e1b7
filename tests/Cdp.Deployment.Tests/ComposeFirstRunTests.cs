using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Cdp.Deployment.Tests;

/// <summary>
/// What the images do with the compose file on a first <c>docker compose up</c>, modelled from their own
/// sources (apache/hadoop's starter.sh, the images' users, apache/kafka's listeners and log dirs): the checks
/// that can run without a Docker engine. The engine itself runs in .github/workflows/cluster.yml.
/// </summary>
public partial class ComposeFileTests
{
    /// <summary>The user each image writes as (from its Dockerfile); postgres and mongo's entrypoints own their volumes themselves.</summary>
    private static readonly Dictionary<string, int> ImageUser = new(StringComparer.Ordinal)
    {
        ["apache/kafka"] = 1000,   // appuser
        ["apache/hadoop"] = 1000,  // hadoop
        ["apache/spark"] = 185,    // spark
        ["cdp-host"] = 10001,      // cdp (docker/Dockerfile)
    };

    /// <summary>Where an image writes inside a volume when not at its mount point: Spark writes only its warehouse in the lake.</summary>
    private static readonly Dictionary<(string Image, string Volume), string> WritesUnder = new()
    {
        [("apache/spark", "lake")] = "/lake/warehouse",
    };

    /// <summary>Images whose ENTRYPOINT ends by running an unquoted <c>$@</c>: compose's command is split into words again.</summary>
    private static readonly HashSet<string> UnquotedArgumentEntrypoints = ["apache/hadoop"];

    private static string ImageName(YamlMappingNode service) => ((YamlScalarNode)Get(service, "image")!).Value!.Split(':')[0];

    private static List<string> Words(YamlMappingNode service, string key) =>
        Get(service, key) is YamlSequenceNode list ? [.. list.Children.Cast<YamlScalarNode>().Select(c => c.Value!)] : [];

    [Fact]
    public void No_command_is_split_again_by_an_entrypoint_that_runs_an_unquoted_argument_list()
    {
        foreach (var (name, service) in Services().Where(s => UnquotedArgumentEntrypoints.Contains(ImageName(s.Service)) && Get(s.Service, "entrypoint") is null))
        {
            foreach (var word in Words(service, "command"))
            {
                Assert.False(Regex.IsMatch(word, @"[\s*?\[\]]"), $"{name}: `{word}` would be split (or globbed) by the image's unquoted $@");
            }
        }
    }

    [Fact]
    public void The_unquoted_argument_list_of_the_hadoop_starter_breaks_a_bash_c_string_and_keeps_a_script_path()
    {
        // The last line of apache/hadoop's starter.sh, as plain bash: `$@` unquoted.
        static int Starter(params string[] command)
        {
            var start = new ProcessStartInfo("bash", ["-c", "$@", "starter", .. command]) { RedirectStandardError = true, RedirectStandardOutput = true };
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }

        Assert.NotEqual(0, Starter("/bin/bash", "-c", "[ -d /nonexistent ] || true; true")); // what the namenode had: bash runs `[` alone
        var script = Path.Combine(Path.GetTempPath(), "cdp-starter-" + Guid.NewGuid().ToString("N")[..8] + ".sh");
        File.WriteAllText(script, "[ -d /nonexistent ] || true; exit 0\n");
        try
        {
            Assert.Equal(0, Starter("bash", script)); // what it has now: a script path survives the split
        }
        finally
        {
            File.Delete(script);
        }

        var namenode = Services().Single(s => s.Name == "namenode").Service;
        Assert.Equal(["bash", "/opt/cdp/namenode.sh"], Words(namenode, "command"));
        Assert.True(File.Exists(Path.Combine(Docker, "hadoop", "namenode.sh")));
    }

    [Fact]
    public void Every_volume_a_service_writes_belongs_to_the_user_its_image_writes_as()
    {
        var init = Services().Single(s => s.Name == "volumes-init").Service;
        var script = string.Join(' ', Words(init, "command"));
        var initMounts = Words(init, "volumes").Select(m => m.Split(':')).ToDictionary(m => m[0], m => m[1]);
        foreach (var (name, service) in Services())
        {
            if (Get(service, "image") is null || !ImageUser.TryGetValue(ImageName(service), out var uid))
            {
                continue;
            }

            foreach (var mount in Words(service, "volumes").Select(m => m.Split(' ')[0].Split(':')).Where(m => !m[0].StartsWith('.') && !m[0].StartsWith('/') && m.ElementAtOrDefault(2) != "ro"))
            {
                Assert.True(initMounts.TryGetValue(mount[0], out var at), $"{name} writes volume {mount[0]}, which volumes-init does not prepare");
                at = WritesUnder.GetValueOrDefault((ImageName(service), mount[0]), at!);
                Assert.True(Owns(script, at!, uid), $"{name} writes {mount[0]} as uid {uid}, but volumes-init does not give it {at} (script: {script})");
            }

            var dependsOn = Get(service, "depends_on") as YamlMappingNode;
            Assert.True(dependsOn?.Children.ContainsKey(new YamlScalarNode("volumes-init")) == true || DependsOnTransitively(name, "volumes-init"),
                $"{name} may start before volumes-init has given it its volumes");
        }

        // Spark's tasks (the DAG's DockerOperator) write the warehouse inside the lake volume.
        Assert.True(Owns(script, "/lake/warehouse", ImageUser["apache/spark"]), "the Spark tasks cannot write /lake/warehouse");
    }

    private static bool Owns(string script, string path, int uid) =>
        Regex.IsMatch(script, $@"chown (-R )?{uid}:{uid}( /\S+)* {Regex.Escape(path)}( |$)");

    private static bool DependsOnTransitively(string service, string target)
    {
        var services = Services().ToDictionary(s => s.Name, s => s.Service);
        var seen = new HashSet<string>();
        var queue = new Queue<string>([service]);
        while (queue.TryDequeue(out var next))
        {
            if (!seen.Add(next) || Get(services[next], "depends_on") is not YamlMappingNode dependsOn)
            {
                continue;
            }

            foreach (var key in dependsOn.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!))
            {
                if (key == target)
                {
                    return true;
                }

                queue.Enqueue(key);
            }
        }

        return false;
    }

    [Fact]
    public void Every_broker_keeps_its_log_on_its_volume_and_is_reachable_from_the_machine_by_the_address_it_advertises()
    {
        var ports = new HashSet<string>();
        foreach (var (name, service) in Services().Where(s => s.Name.StartsWith("kafka-", StringComparison.Ordinal) && s.Name != "kafka-init"))
        {
            var environment = (YamlMappingNode)Get(service, "environment")!;
            var logDirs = ((YamlScalarNode)Get(environment, "KAFKA_LOG_DIRS")!).Value!;
            Assert.Contains(Words(service, "volumes"), m => m.EndsWith(":" + logDirs, StringComparison.Ordinal));
            var advertised = ((YamlScalarNode)Get(environment, "KAFKA_ADVERTISED_LISTENERS")!).Value!;
            var external = Regex.Match(advertised, @"EXTERNAL://127\.0\.0\.1:(\d+)");
            Assert.True(external.Success, $"{name} advertises no address the machine can reach: {advertised}");
            Assert.Contains($"127.0.0.1:{external.Groups[1].Value}:19092", Words(service, "ports"));
            Assert.True(ports.Add(external.Groups[1].Value), $"{name} shares a published port");
        }

        Assert.Equal(3, ports.Count);
    }

    [Fact]
    public void One_consumer_group_ingests_and_it_publishes_to_hdfs()
    {
        var host = Words(Services().Single(s => s.Name == "cdp-host").Service, "command");
        Assert.Contains("--kafka", host);
        Assert.Equal("false", host[host.IndexOf("--ingest-worker") + 1]);
        Assert.Contains("--hdfs", Words(Services().Single(s => s.Name == "cdp-ingest").Service, "command"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_bootstrap_writes_an_env_file_every_image_accepts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cdp-bootstrap-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(Path.Combine(Docker, "bootstrap.sh"), Path.Combine(folder, "bootstrap.sh"));
            using (var bootstrap = Process.Start(new ProcessStartInfo("bash", [Path.Combine(folder, "bootstrap.sh")]) { RedirectStandardOutput = true })!)
            {
                bootstrap.WaitForExit();
                Assert.Equal(0, bootstrap.ExitCode);
            }

            var env = File.ReadAllLines(Path.Combine(folder, ".env")).Where(l => l.Contains('=') && !l.StartsWith('#'))
                .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
            var examples = File.ReadAllLines(Path.Combine(Docker, ".env.example")).Where(l => l.Contains('=') && !l.TrimStart().StartsWith('#')).Select(l => l[..l.IndexOf('=')]);
            Assert.Empty(examples.Except(env.Keys)); // every variable the compose file reads is written
            Assert.Equal(16, FromBase64Url(env["KAFKA_CLUSTER_ID"]).Length);                     // Kafka's Uuid: 16 bytes, 22 characters
            Assert.Equal(22, env["KAFKA_CLUSTER_ID"].Length);
            Assert.Equal(32, Convert.FromBase64String(env["AIRFLOW_FERNET_KEY"].Replace('-', '+').Replace('_', '/')).Length); // Fernet: 32 bytes
            Assert.Matches(@"^cdp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", env["CDP_API_KEY"]);
            Assert.Matches(@"^\d+$", env["DOCKER_GID"]);
            Assert.True(env["CDP_ADMIN_PASSWORD"].Length >= 12);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, ".env")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static byte[] FromBase64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));
}
