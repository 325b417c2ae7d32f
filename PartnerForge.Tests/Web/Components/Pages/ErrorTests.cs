using System.Diagnostics;
using Bunit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages;

namespace PartnerForge.Tests.Web.Components.Pages;

/// <summary>The error page: plain words for the fault, never the exception's text, and the request id to quote.</summary>
public sealed class ErrorTests : ComponentTest
{
    [Fact]
    public void An_unexpected_fault_shows_the_general_words_and_the_request_id_not_the_exception()
    {
        Activity.Current = null;
        var http = new DefaultHttpContext { TraceIdentifier = "0HN-request-42" };
        http.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = new InvalidOperationException("secret connection string leaked"), Path = "/accounts" });

        var cut = Render<Error>(p => p.AddCascadingValue(http));

        cut.Find("h2").TextContent.Should().Be("Something went wrong");
        cut.Markup.Should().Contain("Nothing you saved is lost").And.NotContain("secret connection string");
        cut.Find(".pf-request-id").TextContent.Should().Be("Request id: 0HN-request-42");
    }

    [Fact]
    public void A_stale_form_is_explained_in_the_same_words_as_the_api()
    {
        Activity.Current = null;
        var http = new DefaultHttpContext { TraceIdentifier = "req-7" };
        http.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = new AntiforgeryValidationException("token invalid"), Path = "/account/login" });

        var cut = Render<Error>(p => p.AddCascadingValue(http));

        cut.Find("h2").TextContent.Should().Be("That request could not be used");
        cut.Find(".pf-empty-text").TextContent.Should().Be("The form's security token is missing or expired. Reload the page and try again.");
        cut.Markup.Should().NotContain("token invalid");
    }
}
