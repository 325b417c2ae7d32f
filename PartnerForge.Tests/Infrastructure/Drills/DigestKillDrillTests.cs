using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Changes;
using PartnerForge.Infrastructure.Changes.Email;
using PartnerForge.Tests.Support;
using Quartz;
using Xunit.Abstractions;

namespace PartnerForge.Tests.Infrastructure.Drills;

/// <summary>
/// Fault drill: two PartnerForge nodes (processes of their own, one PostgreSQL database) and a real SMTP server. The node
/// sending a run of 600 alert digests is killed with SIGKILL part-way. The other node's clustered scheduler recovers the
/// digest job at once and sends the rest. What is guaranteed, and asserted: every digest reaches the server; each
/// digest carries one Message-ID; no Message-ID arrives twice except the one digest that was on the wire when the node
/// died (the server may or may not have taken it; SMTP cannot tell), which is sent again under the same Message-ID, so
/// a mail client shows it once; nothing is left half-sent.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed partial class DigestKillDrillTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Digests = 600;
    private readonly SmtpServer _smtp = new();
    private AppProcess[] _nodes = [];
    private InfrastructureHost _starter = null!;

    public async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        var database = await postgres.CreateDatabaseAsync("pf_digestkill");
        var data = TestEnvironment.NewDirectory("digest-drill");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__PostgreSQL"] = database,
            ["Smtp__Enabled"] = "true",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "None",
            ["Smtp__From"] = "alerts@partnerforge.test",
        };
        _nodes = await Task.WhenAll(AppProcess.StartNodeAsync(settings, data), AppProcess.StartNodeAsync(settings, data));
        // Its scheduler never starts: it only writes the outbox and asks the cluster to run the digest job.
        _starter = await InfrastructureHost.StartAsync(seedDemo: false, postgres: database, dataDirectory: data,
            services: s => s.Configure<QuartzHostedServiceOptions>(o => o.StartDelay = TimeSpan.FromHours(1)));
    }

    public async Task DisposeAsync()
    {
        await _starter.DisposeAsync();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_node_killed_mid_digest_run_leaves_the_rest_to_the_other_node_and_no_digest_is_delivered_twice_under_two_ids()
    {
        await QueueDigestsAsync();
        await (await _starter.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).TriggerJob(AlertDigestJob.Key);

        await Eventually.TrueAsync(async () => await SentAsync() >= 50 && _nodes.Any(n => n.Output.Contains("Sending 600 alert digests", StringComparison.Ordinal)), TimeSpan.FromMinutes(2));
        var sender = _nodes.Single(n => n.Output.Contains("Sending 600 alert digests", StringComparison.Ordinal));
        var survivor = _nodes.Single(n => n != sender);
        sender.Kill();
        var clock = Stopwatch.StartNew();
        var sentAtKill = await SentAsync();
        output.WriteLine($"killed the sending node after {sentAtKill} of {Digests} digests");
        sentAtKill.Should().BeLessThan(Digests, "the kill lands mid-run");

        await Eventually.TrueAsync(async () => await SentAsync() == Digests, TimeSpan.FromMinutes(2));
        output.WriteLine($"all sent {clock.Elapsed.TotalSeconds:0.0} s after the kill");
        survivor.Output.Should().MatchRegex(@"Sending \d+ alert digests", "the other node took the run over");

        var digests = await _starter.AsSystemAsync(db => db.AlertDigests.IgnoreQueryFilters().AsNoTracking().ToListAsync());
        digests.Should().OnlyContain(d => d.SentAtUtc != null && !d.InDoubt, "nothing is left half-sent");
        var messageIds = _smtp.Messages().Select(m => MessageId().Match(m).Groups[1].Value).ToList();
        messageIds.Should().NotContain(string.Empty, "every message carries its Message-ID");
        messageIds.Distinct().Should().HaveCount(Digests, "every digest reached the server");
        var twice = messageIds.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        twice.Should().HaveCountLessThanOrEqualTo(1, "one digest at most was on the wire when the node died");
        digests.Where(d => d.InDoubtResends > 0).Should().HaveCountLessThanOrEqualTo(1);
        if (twice.Count == 1)
        {
            digests.Single(d => d.InDoubtResends > 0).MessageId.Should().Be(twice[0].Split('@')[0].Trim('<'), "the repeat is the in-doubt digest, under its own Message-ID");
        }

        using var client = new HttpClient { BaseAddress = new Uri(survivor.BaseUrl) };
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task QueueDigestsAsync()
    {
        await _starter.AsSystemAsync(async db =>
        {
            var users = await db.Users.IgnoreQueryFilters().Where(u => u.Email!.EndsWith("@northwind.test")).ToListAsync();
            var now = DateTime.UtcNow;
            for (var i = 0; i < Digests; i++)
            {
                var user = users[i % users.Count];
                var digest = new AlertDigest(user.Id, $"drill-{i}", user.Email!, $"Drill digest {i}", $"<p>Drill digest {i}</p>", $"Drill digest {i}", 1, now.AddMilliseconds(i));
                digest.StampTenant(user.TenantId);
                db.AlertDigests.Add(digest);
            }

            return await db.SaveChangesAsync();
        });
    }

    private Task<int> SentAsync() =>
        _starter.AsSystemAsync(db => db.AlertDigests.IgnoreQueryFilters().CountAsync(d => d.SentAtUtc != null));

    [GeneratedRegex(@"(?im)^Message-ID:\s*(\S+)")]
    private static partial Regex MessageId();
}
