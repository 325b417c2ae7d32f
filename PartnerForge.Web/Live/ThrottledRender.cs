namespace PartnerForge.Web.Live;

/// <summary>
/// Coalesces a burst of live events into at most one re-render per interval. A component subscribes to the
/// event bus, calls <see cref="Request"/> from the handler, and passes <c>() => InvokeAsync(StateHasChanged)</c>
/// (or a reload) as the render callback. Dispose it with the component.
/// </summary>
public sealed class ThrottledRender(Func<Task> render, TimeSpan interval, TimeProvider? time = null) : IDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private int _pending;
    private long _lastTicks;
    private volatile bool _disposed;

    public void Request()
    {
        if (_disposed || Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        var since = _time.GetElapsedTime(Interlocked.Read(ref _lastTicks));
        if (Interlocked.Read(ref _lastTicks) != 0 && since < interval)
        {
            await Task.Delay(interval - since, _time);
        }

        Volatile.Write(ref _pending, 0);
        Interlocked.Exchange(ref _lastTicks, _time.GetTimestamp());
        if (!_disposed)
        {
            await render();
        }
    }

    public void Dispose() => _disposed = true;
}
