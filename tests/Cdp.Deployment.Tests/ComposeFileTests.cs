using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Cdp.Deployment.Tests;

/// <summary>
/// No Docker engine runs here, so the deployment is checked statically: the compose file parses and is
/// consistent, images are pinned, ports stay on localhost, every variable has an example, the Dockerfile
/// runs as a non-root user with a health check, and the Airflow DAG compiles with the tasks of the issue.
/// </summary>
public partial class ComposeFileTests
{
    private static string Docker => Path.Combine(RepositoryPaths.Root, "docker");

    private static YamlMappingNode Compose()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Docker, "docker-compose.yml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<(string Name, YamlMappingNode Service)> Services() =>
        ((YamlMappingNode)Compose()["services"]).Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, (YamlMappingNode)kv.Value));

    /// <summary>A key of a mapping, looking through YAML merge keys (<c>&lt;&lt;: *anchor</c>) as compose does.</summary>
    private static YamlNode? Get(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value
        : node.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) && merged is YamlMappingNode parent ? Get(parent, key)
        : null;

    [Fact]
    public void Every_piece_of_the_cluster_is_there()
    {
        var names = Services().Select(s => s.Name).ToHashSet();
        string[] expected = ["kafka-1", "kafka-2", "kafka-3", "kafka-init", "namenode", "datanode-1", "datanode-2", "spark-master", "spark-worker-1", "spark-worker-2",
            "postgres", "mongodb", "airflow-db", "airflow-scheduler", "airflow-webserver", "cdp-host", "cdp-ingest"];
        Assert.Empty(expected.Except(names));
    }

    [Fact]
    public void Every_depends_on_names_a_service()
    {
        var names = Services().Select(s => s.Name).ToHashSet();
        var dependencies = 0;
        foreach (var (name, service) in Services())
        {
            // Either syntax compose takes: a mapping (with conditions) or a plain list of names.
            var targets = Get(service, "depends_on") switch
            {
                YamlMappingNode mapping => mapping.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!),
                YamlSequenceNode list => list.Children.Cast<YamlScalarNode>().Select(k => k.Value!),
                null => [],
                var other => throw new InvalidOperationException($"{name}: depends_on is neither a mapping nor a list ({other.NodeType})"),
            };
            foreach (var target in targets)
            {
                dependencies++;
                Assert.True(names.Contains(target), $"{name} depends on unknown service {target}");
            }
        }

        Assert.True(dependencies >= 5, $"only {dependencies} depends_on entries were read: the compose file's services depend on each other");
    }

    [Fact]
    public void Every_image_is_pinned_and_every_volume_declared()
    {
        var volumes = ((YamlMappingNode)Compose()["volumes"]).Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).ToHashSet();
        foreach (var (name, service) in Services())
        {
            if (Get(service, "image") is YamlScalarNode image)
            {
                Assert.Matches(@"^[^:]+:(?!latest$)[\w.\-]+$", image.Value!);
            }
            else
            {
                Assert.NotNull(Get(service, "build"));
            }

            if (Get(service, "volumes") is YamlSequenceNode mounts)
            {
                foreach (var mount in mounts.Children.Cast<YamlScalarNode>())
                {
                    var source = mount.Value!.Split(':')[0];
                    Assert.True(source.StartsWith('.') || source.StartsWith('/') || volumes.Contains(source), $"{name}: volume {source} is not declared");
                }
            }
        }
    }

    [Fact]
    public void No_port_is_published_beyond_localhost()
    {
        foreach (var (name, service) in Services())
        {
            if (Get(service, "ports") is YamlSequenceNode ports)
            {
                foreach (var port in ports.Children.Cast<YamlScalarNode>())
                {
                    Assert.True(port.Value!.StartsWith("127.0.0.1:", StringComparison.Ordinal), $"{name} publishes {port.Value} beyond localhost");
                }
            }
        }
    }

    [Fact]
    public void Every_variable_has_an_example_and_no_secret_is_committed()
    {
        var compose = File.ReadAllText(Path.Combine(Docker, "docker-compose.yml"));
        var examples = File.ReadAllLines(Path.Combine(Docker, ".env.example"))
            .Where(l => l.Contains('=') && !l.TrimStart().StartsWith('#')).Select(l => l[..l.IndexOf('=')]).ToHashSet();
        foreach (Match match in Variable().Matches(compose))
        {
            Assert.True(examples.Contains(match.Groups[1].Value), $"${{{match.Groups[1].Value}}} has no line in .env.example");
        }

        Assert.False(File.Exists(Path.Combine(Docker, ".env")), "docker/.env holds real secrets and must not be committed");
    }

    [Fact]
    public void The_kafka_topics_are_created_with_replication_3()
    {
        var init = Services().Single(s => s.Name == "kafka-init").Service;
        var command = string.Join(" ", ((YamlSequenceNode)Get(init, "command")!).Children.Cast<YamlScalarNode>().Select(c => c.Value));
        Assert.Contains("--topic events --partitions 12 --replication-factor 3", command, StringComparison.Ordinal);
        Assert.Contains("--topic events.dead-letter", command, StringComparison.Ordinal);
        // The cluster does not create topics on first use: a Kafka destination's default topic (docs/activation.md) is made here.
        Assert.Contains($"--topic {Cdp.Pipeline.Activation.Destination.DefaultTopic} --partitions 12 --replication-factor 3", command, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dockerfile_builds_in_stages_and_runs_as_a_non_root_user_with_a_health_check()
    {
        var lines = File.ReadAllLines(Path.Combine(Docker, "Dockerfile"));
        var froms = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, froms.Count);
        Assert.All(froms, f => Assert.Matches(@"^FROM \S+:\d[\w.\-]*( AS \w+)?$", f));
        Assert.Contains(lines, l => l == "USER cdp");
        Assert.Contains(lines, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal) && l.Contains("health", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("USER root", StringComparison.Ordinal));
    }

    [Fact]
    public void The_airflow_dag_compiles_and_names_the_steps()
    {
        var dag = Path.Combine(Docker, "airflow", "dags", "cdp_daily.py");
        using var python = Process.Start(new ProcessStartInfo("python3", ["-m", "py_compile", dag]) { RedirectStandardError = true })!;
        var error = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, error);
        var text = File.ReadAllText(dag);
        foreach (var task in new[] { "ingest_check", "daily_aggregates", "profiles", "segment_evaluation", "store_load" })
        {
            Assert.Contains($"task_id=\"{task}\"", text, StringComparison.Ordinal);
        }

        Assert.Contains("ingest_check >> emit >> daily_aggregates >> profiles >> segment_evaluation >> store_load", text, StringComparison.Ordinal);
        Assert.Contains("\"retries\": 3", text, StringComparison.Ordinal);
    }

    // $${X} is compose's escape for a literal ${X} that the container's shell expands.
    [GeneratedRegex(@"(?<!\$)\$\{([A-Z0-9_]+)\}")]
    private static partial Regex Variable();
}
