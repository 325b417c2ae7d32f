using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Crm;
using PartnerForge.Infrastructure.Crm;
using Quartz;

namespace PartnerForge.Tests.Infrastructure.Crm;

public sealed class HubSpotConnectorTests : IAsyncLifetime
{
    private CrmFixture _f = null!;
    private Guid _connection;

    public async Task InitializeAsync()
    {
        _f = await CrmFixture.StartAsync();
        _connection = await _f.ConnectAsync();
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task An_incremental_read_moves_its_filter_past_the_search_cap_of_10000_and_misses_nothing()
    {
        var since = DateTime.UtcNow.AddDays(-2);
        var ids = _f.Fake.AddCompanies(10_250, "wide", new DateTimeOffset(since.AddHours(1)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var calls = await _f.AsAdminAsync(async s =>
        {
            var connector = s.GetRequiredService<HubSpotConnector>();
            var session = new CrmSession(_connection, s.GetRequiredService<CrmTokens>(), TimeProvider.System);
            string? cursor = null;
            do
            {
                var page = await connector.ChangedSinceAsync(session, CrmObjectKind.Company, ["name", "domain"], since, cursor, CancellationToken.None);
                seen.UnionWith(page.Records.Select(r => r.Id));
                page.Records.Should().OnlyContain(r => r.UpdatedAtUtc >= since);
                cursor = page.Next;
            }
            while (cursor is not null);
            return session.ApiCalls;
        });

        seen.Should().Contain(ids);
        calls.Should().BeInRange(103, 106, "10,250 records in pages of 100, the filter moved once at the cap");
        _f.Fake.Requests.Should().OnlyContain(r => r == "POST /crm/v3/objects/companies/search", "no request went past the cap (the fake refuses those)");
    }

    [Fact]
    public async Task A_run_claimed_by_several_callers_at_once_runs_once()
    {
        var started = await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().StartSyncAsync(_connection, SyncRunKind.Initial));
        started.Succeeded.Should().BeTrue(started.Describe());
        var again = await _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().StartSyncAsync(_connection));
        again.Kind.Should().Be(PartnerForge.Infrastructure.Application.ErrorKind.Conflict, "one sync at a time per connection");

        var ran = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _f.AsAdminAsync(s => s.GetRequiredService<CrmSyncService>().RunAsync(started.Value))));
        var run = await _f.FinishedAsync(_connection, started.Value);
        run.State.Should().Be(SyncRunState.Succeeded, run.Error);
        ran.Count(r => r).Should().BeLessThanOrEqualTo(1, "the job may have claimed it first");
        _f.Fake.Requests.Count(r => r.StartsWith("GET /crm/v3/objects/companies?", StringComparison.Ordinal) && r.Contains("archived=false", StringComparison.Ordinal))
            .Should().Be(1, "ten recorded companies fit one page, read once");
        var records = await _f.RecordsAsync(run.Id);
        records.GroupBy(r => (r.Kind, r.CrmId, r.Direction)).Should().OnlyContain(g => g.Count() == 1);
    }

    [Fact]
    public async Task A_connection_gets_its_own_schedule_and_an_interval_of_zero_removes_it()
    {
        var scheduler = await _f.Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = CrmSyncJob.ScheduleKey(_connection);
        (await scheduler.GetJobDetail(key)).Should().NotBeNull();
        var trigger = (await scheduler.GetTriggersOfJob(key)).Should().ContainSingle().Subject.Should().BeAssignableTo<ISimpleTrigger>().Subject;
        trigger.RepeatInterval.Should().Be(TimeSpan.FromMinutes(CrmConnection.DefaultSyncIntervalMinutes));
        (await scheduler.GetJobDetail(key))!.JobDataMap.GetString(CrmSyncJob.ConnectionIdKey).Should().Be(_connection.ToString());

        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().SetSyncIntervalAsync(_connection, 15))).Succeeded.Should().BeTrue();
        ((ISimpleTrigger)(await scheduler.GetTriggersOfJob(key)).Single()).RepeatInterval.Should().Be(TimeSpan.FromMinutes(15));
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().SetSyncIntervalAsync(_connection, 3))).Kind
            .Should().Be(PartnerForge.Infrastructure.Application.ErrorKind.Validation);
        (await _f.AsAdminAsync(s => s.GetRequiredService<CrmConnections>().SetSyncIntervalAsync(_connection, 0))).Succeeded.Should().BeTrue();
        (await scheduler.GetJobDetail(key)).Should().BeNull();
    }
}
