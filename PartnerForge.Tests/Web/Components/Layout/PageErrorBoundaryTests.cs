using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Layout;

namespace PartnerForge.Tests.Web.Components.Layout;

/// <summary>The layout's error boundary: a failing page shows a message in its place, is logged, and can be retried.</summary>
public sealed class PageErrorBoundaryTests : ComponentTest
{
    private readonly CapturingLoggerProvider _logs = new();

    public PageErrorBoundaryTests() => Services.AddSingleton<ILoggerFactory>(new LoggerFactory([_logs]));

    [Fact]
    public void A_page_that_throws_while_rendering_is_replaced_by_the_message_and_logged()
    {
        var cut = Render<PageErrorBoundary>(p => p.AddChildContent<FailingPage>(c => c.Add(f => f.FailOnRender, true)));

        cut.Find("[data-testid=page-error]").TextContent.Should().Contain("This page hit an unexpected error");
        cut.FindAll("[data-testid=page-content]").Should().BeEmpty();
        cut.Find("[data-testid=page-error] a").GetAttribute("href").Should().Be("/");
        _logs.Entries.Should().ContainSingle(e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException && e.Exception.Message == "render failed");
    }

    [Fact]
    public void An_exception_in_an_event_handler_is_caught_too_and_try_again_renders_the_page_again()
    {
        var cut = Render<PageErrorBoundary>(p => p.AddChildContent<FailingPage>());
        cut.Find("[data-testid=page-content]").TextContent.Should().Be("Renders 1");

        cut.Find("[data-testid=fail]").Click();

        cut.Find("[data-testid=page-error]");
        cut.FindAll("[data-testid=page-content]").Should().BeEmpty();
        _logs.Entries.Should().ContainSingle(e => e.Exception != null && e.Exception.Message == "click failed");

        cut.Find("[data-testid=page-error-retry]").Click();

        cut.Find("[data-testid=page-content]").TextContent.Should().StartWith("Renders");
        cut.FindAll("[data-testid=page-error]").Should().BeEmpty();
    }

    /// <summary>A page that fails on its first render, or when its button is clicked.</summary>
    private sealed class FailingPage : ComponentBase
    {
        private int _renders;

        [Parameter] public bool FailOnRender { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            if (FailOnRender)
            {
                throw new InvalidOperationException("render failed");
            }

            _renders++;
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "data-testid", "page-content");
            builder.AddContent(2, $"Renders {_renders}");
            builder.CloseElement();
            builder.OpenElement(3, "button");
            builder.AddAttribute(4, "data-testid", "fail");
            builder.AddAttribute(5, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () => throw new InvalidOperationException("click failed")));
            builder.CloseElement();
        }
    }
}
