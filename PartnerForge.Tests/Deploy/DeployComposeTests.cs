using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PartnerForge.Tests.Deploy;

/// <summary>
/// The two-node deployment in <c>deploy/</c>: the compose file parses, every setting it gives a node is one
/// PartnerForge reads, every variable it uses is in <c>.env.example</c>, the proxy sends sticky, WebSocket-ready
/// traffic to exactly the nodes the compose file runs, on the port they listen on, and every node reaches the compose
/// file's Redis service (live events, SignalR's backplane) once it is healthy.
/// </summary>
public sealed partial class DeployComposeTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot(), "deploy");

    /// <summary>Settings ASP.NET Core itself reads from the environment.</summary>
    private static readonly string[] HostSettings = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED"];

    [Fact]
    public void Every_setting_given_to_a_node_is_one_PartnerForge_reads()
    {
        var known = KnownSettings();
        var nodes = Nodes();
        nodes.Keys.Should().BeEquivalentTo(["node-a", "node-b"], "the deployment runs two nodes");
        foreach (var (name, environment) in nodes)
        {
            environment.Should().ContainKey("ConnectionStrings__PostgreSQL", $"{name} runs on the shared PostgreSQL database");
            foreach (var key in environment.Keys.Where(k => !HostSettings.Contains(k)))
            {
                var path = Regex.Replace(key.Replace("__", ":", StringComparison.Ordinal), @":\d+$", string.Empty);
                known.Should().Contain(path, $"{name} sets {key}, which must be a setting PartnerForge reads");
            }
        }
    }

    [Fact]
    public void Every_variable_the_compose_file_uses_is_in_the_example_env_file()
    {
        var compose = File.ReadAllText(Path.Combine(Deploy, "compose.yaml"));
        var used = VariableUse().Matches(compose).Select(m => m.Groups[1].Value).Distinct().ToList();
        used.Should().NotBeEmpty();
        used.Should().BeSubsetOf(ExampleVariables().Keys);
    }

    [Fact]
    public void The_proxy_sends_sticky_websocket_traffic_to_the_nodes_on_their_port()
    {
        var nodes = Nodes();
        var port = nodes.Values.Select(e => new Uri(e["ASPNETCORE_URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port).Distinct().Should().ContainSingle().Subject;
        var nginx = File.ReadAllText(Path.Combine(Deploy, "nginx.conf"));
        var upstream = UpstreamServer().Matches(nginx).Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        upstream.Should().BeEquivalentTo(nodes.Keys.Select(n => (n, port)), "the proxy balances over exactly the compose file's nodes");
        nginx.Should().Contain("ip_hash;", "a Blazor circuit and SignalR's negotiate/connect stay on one node");
        nginx.Should().Contain("proxy_set_header Upgrade $http_upgrade;").And.Contain("proxy_set_header Connection $connection_upgrade;");
        nginx.Should().Contain("X-Forwarded-Proto");

        var compose = Load();
        var proxy = (YamlMappingNode)Services(compose)["proxy"];
        var waitsFor = ((YamlMappingNode)proxy["depends_on"]).Children.Keys.Select(k => k.ToString());
        waitsFor.Should().BeEquivalentTo(nodes.Keys);
        File.ReadAllText(Path.Combine(Deploy, "compose.yaml")).Should().Contain("http://127.0.0.1:8080/health/ready", "each node's health check asks the readiness endpoint");
    }

    [Fact]
    public void Both_nodes_reach_the_compose_files_redis_service_and_wait_for_it_to_be_healthy()
    {
        var services = Services(LoadMerged());
        services.Children.Should().ContainKey(new YamlScalarNode("redis"), "live events and SignalR's backplane run through Redis");
        var redis = (YamlMappingNode)services["redis"];
        redis["image"].ToString().Should().Be("redis:7");
        redis.Children.Should().NotContainKey(new YamlScalarNode("volumes"), "Redis only carries messages: nothing to keep");
        var command = ((YamlSequenceNode)redis["command"]).Children.Select(c => c.ToString()).ToList();
        command.Should().ContainInConsecutiveOrder("--save", string.Empty).And.ContainInConsecutiveOrder("--appendonly", "no");
        var check = string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)redis["healthcheck"])["test"]).Children.Select(c => c.ToString()));
        check.Should().Contain("redis-cli ping");

        var example = ExampleVariables();
        var nodes = Nodes();
        nodes.Should().HaveCount(2);
        foreach (var (name, environment) in nodes)
        {
            environment.Should().ContainKey("ConnectionStrings__Redis", $"{name} uses Redis for live events and the backplane");
            foreach (var password in new[] { example["REDIS_PASSWORD"], string.Empty })
            {
                // As the node reads it once compose has put the variables in (StackExchange.Redis's own parser).
                var value = VariableUse().Replace(environment["ConnectionStrings__Redis"], m => m.Groups[1].Value == "REDIS_PASSWORD" ? password : example[m.Groups[1].Value]);
                var options = StackExchange.Redis.ConfigurationOptions.Parse(value);
                var endpoint = options.EndPoints.Should().ContainSingle().Subject.Should().BeOfType<System.Net.DnsEndPoint>().Subject;
                endpoint.Host.Should().Be("redis", $"{name} reaches the compose file's redis service by its name");
                endpoint.Port.Should().Be(6379);
                (options.Password ?? string.Empty).Should().Be(password);
                options.AbortOnConnectFail.Should().BeFalse("a node starts while Redis restarts, and the client keeps trying");
            }

            var dependsOn = (YamlMappingNode)((YamlMappingNode)services[name])["depends_on"];
            ((YamlMappingNode)dependsOn["redis"])["condition"].ToString().Should().Be("service_healthy", $"{name} starts once Redis answers");
            ((YamlMappingNode)dependsOn["postgres"])["condition"].ToString().Should().Be("service_healthy");
        }
    }

    private static Dictionary<string, string> ExampleVariables() => File.ReadAllLines(Path.Combine(Deploy, ".env.example"))
        .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
        .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)].Trim(), l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Deploy, "compose.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Services(YamlMappingNode compose) => (YamlMappingNode)compose["services"];

    /// <summary>The compose file with the YAML merge keys (<c>&lt;&lt;: *node</c>) resolved.</summary>
    private static YamlMappingNode LoadMerged()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Deploy, "compose.yaml"));
        yaml.Load(new YamlDotNet.Core.MergingParser(new YamlDotNet.Core.Parser(reader)));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    /// <summary>Each node's environment, with the YAML merge keys (<c>&lt;&lt;: *node</c>) resolved.</summary>
    private static Dictionary<string, Dictionary<string, string>> Nodes()
    {
        var services = Services(LoadMerged());
        return services.Children
            .Where(s => s.Value is YamlMappingNode service && service.Children.ContainsKey("environment")
                        && ((YamlMappingNode)service["environment"]).Children.ContainsKey("ConnectionStrings__PostgreSQL"))
            .ToDictionary(s => s.Key.ToString(), s => ((YamlMappingNode)((YamlMappingNode)s.Value)["environment"]).Children
                .ToDictionary(e => e.Key.ToString(), e => e.Value.ToString()));
    }

    /// <summary>
    /// What PartnerForge reads: every key in the Web project's appsettings files, every property of an options class
    /// (a type with a <c>Section</c> constant), the connection strings the code asks for, and configuration paths the
    /// product's source reads by name.
    /// </summary>
    private static HashSet<string> KnownSettings()
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var web = Path.Combine(RepositoryRoot(), "PartnerForge.Web");
        foreach (var file in Directory.GetFiles(web, "appsettings*.json"))
        {
            Flatten(JsonDocument.Parse(File.ReadAllText(file)).RootElement, string.Empty, known);
        }

        var assemblies = new[] { typeof(PartnerForge.Infrastructure.Persistence.DatabaseOptions).Assembly, typeof(PartnerForge.Web.Hosting.SecurityHeaders).Assembly };
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string section)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
                {
                    known.Add($"{section}:{property.Name}");
                }
            }
        }

        foreach (var source in Directory.GetFiles(RepositoryRoot(), "*.cs", SearchOption.AllDirectories)
                     .Where(f => f.Contains("PartnerForge.Web", StringComparison.Ordinal) || f.Contains("PartnerForge.Infrastructure", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(source);
            known.UnionWith(ConnectionStringRead().Matches(text).Select(m => "ConnectionStrings:" + m.Groups[1].Value));
            known.UnionWith(ConfigurationRead().Matches(text).Select(m => m.Groups[1].Value));
        }

        return known;
    }

    private static void Flatten(JsonElement element, string prefix, HashSet<string> into)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", into);
            }
        }
        else
        {
            into.Add(prefix);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartnerForge.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PartnerForge.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)\}")]
    private static partial Regex VariableUse();

    [GeneratedRegex(@"^\s*server\s+([a-z0-9-]+):(\d+)", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"GetConnectionString\(""([A-Za-z]+)""\)")]
    private static partial Regex ConnectionStringRead();

    [GeneratedRegex(@"configuration\[""([A-Za-z]+(?::[A-Za-z]+)+)""\]", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigurationRead();
}
