namespace PartnerForge.Tests.Support;

/// <summary>Waits for background work (jobs, event deliveries) to reach a state, polling, with a deadline.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what ?? "The condition"} did not become true in time.");
            }

            await Task.Delay(100);
        }
    }
}
