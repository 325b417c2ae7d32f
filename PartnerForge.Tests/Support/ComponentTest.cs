using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace PartnerForge.Tests.Support;

/// <summary>
/// Base of the bUnit component tests: a <see cref="BunitContext"/> with the UI library's services and loose JS
/// interop. xunit 2 disposes synchronously, and some component services only dispose asynchronously, so the
/// context is disposed through <see cref="IAsyncLifetime"/>.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Cleanup of the test class itself, after the rendered components are disposed.</summary>
    protected virtual Task CleanupAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await CleanupAsync();
    }

    /// <summary>
    /// Components that read RendererInfo need one of these before the first render (it locks the services):
    /// inside a live Blazor Server circuit, or prerendered on the server.
    /// </summary>
    protected void RenderInteractively() => SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    /// <inheritdoc cref="RenderInteractively"/>
    protected void RenderPrerendered() => SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
}
