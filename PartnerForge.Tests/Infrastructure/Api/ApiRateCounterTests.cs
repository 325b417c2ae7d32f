using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Infrastructure.Api;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Api;

/// <summary>The API's per-key window count in the database: the limit holds under concurrent requests and a new window starts afresh.</summary>
public sealed class ApiRateCounterTests : IAsyncLifetime
{
    private InfrastructureHost _host = default!;
    private readonly ManualTimeProvider _clock = new();

    public async Task InitializeAsync() => _host = await InfrastructureHost.StartAsync(seedDemo: false);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ApiRateCounter Counter() => new(_host.Services.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>(), _clock);

    [Fact]
    public async Task Forty_concurrent_requests_against_a_limit_of_ten_let_exactly_ten_through()
    {
        var decisions = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Counter().TakeAsync("key-a", 10, TimeSpan.FromMinutes(1)))));

        decisions.Count(d => d.Allowed).Should().Be(10);
        decisions.Where(d => !d.Allowed).Should().OnlyContain(d => d.RetryAfter > TimeSpan.Zero && d.RetryAfter <= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Concurrent_first_requests_under_the_limit_are_all_let_through()
    {
        for (var round = 0; round < 5; round++)
        {
            var key = $"key-race-{round}";
            var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Counter().TakeAsync(key, 100, TimeSpan.FromMinutes(1)))));
            decisions.Should().OnlyContain(d => d.Allowed, "a request that finds the window's row just created by another is counted, not refused");
        }
    }

    [Fact]
    public async Task The_next_window_starts_afresh_other_keys_count_apart_and_old_windows_are_deleted()
    {
        var counter = Counter();
        (await counter.TakeAsync("key-a", 2, TimeSpan.FromMinutes(1))).Allowed.Should().BeTrue();
        (await counter.TakeAsync("key-a", 2, TimeSpan.FromMinutes(1))).Allowed.Should().BeTrue();
        var refused = await counter.TakeAsync("key-a", 2, TimeSpan.FromMinutes(1));
        refused.Allowed.Should().BeFalse();
        (await counter.TakeAsync("key-b", 2, TimeSpan.FromMinutes(1))).Allowed.Should().BeTrue("each key has its own count");

        _clock.Advance(refused.RetryAfter);
        (await counter.TakeAsync("key-a", 2, TimeSpan.FromMinutes(1))).Allowed.Should().BeTrue("Retry-After points at the next window");
        (await _host.AsSystemAsync(db => db.Set<ApiRateWindow>().CountAsync(w => w.KeyId == "key-a"))).Should().Be(1, "the finished window's row is gone");
    }
}
