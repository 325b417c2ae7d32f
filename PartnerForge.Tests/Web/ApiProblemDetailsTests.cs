using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Pipeline;
using PartnerForge.Infrastructure.Tenancy;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Api;

namespace PartnerForge.Tests.Web;

/// <summary>
/// Every API write answers its failures the same way: the application services' one <see cref="Result"/>, mapped once
/// to RFC 9457 problem details (type, title, status, detail, instance, and errors for validation).
/// </summary>
public sealed class ApiProblemDetailsTests(PartnerForgeApp app) : IClassFixture<PartnerForgeApp>
{
    [Fact]
    public async Task Invalid_fields_are_a_400_validation_problem_with_errors_per_field_on_targets_and_alert_rules()
    {
        var client = Client(AdministrationStartup.DemoApiKey);

        var target = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/targets", new { name = "", domain = "not a domain" }), 400);
        target.GetProperty("type").GetString().Should().Be("https://httpstatuses.io/400");
        target.GetProperty("title").GetString().Should().Be("The request is not valid");
        target.GetProperty("instance").GetString().Should().Be("/api/v1/targets");
        target.GetProperty("errors").GetProperty("name")[0].GetString().Should().Be("A name is required.");
        target.GetProperty("errors").GetProperty("domain")[0].GetString().Should().Contain("not a domain like example.com");

        var rule = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/alerts/rules", new { name = "Odd kind", teamId = Guid.NewGuid(), kind = "sideways" }), 400);
        rule.GetProperty("title").GetString().Should().Be("The request is not valid", "the same mapping as for targets");
        rule.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Contain(["teamId", "kind"]);
    }

    [Fact]
    public async Task An_unknown_rule_is_a_404_problem_for_get_put_and_delete()
    {
        var client = Client(AdministrationStartup.DemoApiKey);
        var url = $"/api/v1/alerts/rules/{Guid.NewGuid()}";

        foreach (var response in new[] { await client.GetAsync(url), await client.PutAsJsonAsync(url, new { name = "x" }), await client.DeleteAsync(url) })
        {
            var problem = await ProblemAsync(response, 404);
            problem.GetProperty("type").GetString().Should().Be("https://httpstatuses.io/404");
            problem.GetProperty("title").GetString().Should().Be("Not found");
            problem.GetProperty("detail").GetString().Should().Contain("in this workspace");
        }
    }

    [Fact]
    public async Task A_domain_taken_in_the_workspace_is_a_409_problem_but_another_workspace_may_use_it()
    {
        var domain = $"conflict-{Guid.NewGuid():N}.example";
        var northwind = Client(AdministrationStartup.DemoApiKey);
        (await northwind.PostAsJsonAsync("/api/v1/targets", new { name = "First", domain })).StatusCode.Should().Be(HttpStatusCode.Created);

        var conflict = await ProblemAsync(await northwind.PostAsJsonAsync("/api/v1/targets", new { name = "Second", domain = $"https://www.{domain}/about" }), 409);
        conflict.GetProperty("type").GetString().Should().Be("https://httpstatuses.io/409");
        conflict.GetProperty("title").GetString().Should().Be("Conflict");
        conflict.GetProperty("detail").GetString().Should().Be($"An account with domain {domain} already exists: GET /api/v1/accounts/{domain}.");

        var globex = Client(await GlobexKeyAsync());
        (await globex.PostAsJsonAsync("/api/v1/targets", new { name = "Globex's own", domain })).StatusCode.Should().Be(HttpStatusCode.Created,
            "a domain is unique per workspace, and another workspace's account is not visible");
    }

    [Fact]
    public async Task Another_workspaces_rule_is_a_404_problem_and_stays_unchanged()
    {
        var rep = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        var created = await Client(AdministrationStartup.DemoApiKey).PostAsJsonAsync("/api/v1/alerts/rules", new { name = "Northwind private rule", userId = rep.Id });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var url = created.Headers.Location!.ToString();
        var id = Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);
        var globex = Client(await GlobexKeyAsync());

        var put = await ProblemAsync(await globex.PutAsJsonAsync(url, new { name = "Hijacked", teamId = Guid.NewGuid() }), 404);
        put.GetProperty("title").GetString().Should().Be("Not found");
        (await ProblemAsync(await globex.DeleteAsync(url), 404)).GetProperty("detail").GetString().Should().Be($"No alert rule {id} in this workspace.");

        var stored = await app.QueryAsync(db => db.AlertRules.IgnoreQueryFilters().SingleAsync(r => r.Id == id));
        stored.Name.Should().Be("Northwind private rule");
    }

    [Theory]
    [InlineData(ErrorKind.NotFound, 404, "Not found")]
    [InlineData(ErrorKind.Conflict, 409, "Conflict")]
    [InlineData(ErrorKind.Forbidden, 403, "Forbidden")]
    public void Each_error_kind_maps_to_one_status_and_title(ErrorKind kind, int status, string title)
    {
        var result = kind switch
        {
            ErrorKind.NotFound => Result.NotFound("No such thing."),
            ErrorKind.Conflict => Result.Conflict("It clashes.", "Domain"),
            _ => Result.Forbidden("Not yours."),
        };
        var context = new DefaultHttpContext { Request = { Path = "/api/v1/x" } };

        var problem = ApiProblems.From(result, context).ProblemDetails;

        (problem.Status, problem.Title, problem.Type, problem.Instance).Should().Be((status, title, $"https://httpstatuses.io/{status}", "/api/v1/x"));
        problem.Detail.Should().Be(result.Message);
    }

    [Fact]
    public void A_validation_result_maps_to_a_400_with_camel_case_fields_and_a_page_gets_the_first_message_per_field()
    {
        var result = Result.Invalid<Guid>(new Dictionary<string, string> { ["OwnerId"] = "Choose an active user.", ["Domain"] = "Not a domain." });

        var problem = ApiProblems.From(result, new DefaultHttpContext()).ProblemDetails.Should().BeOfType<HttpValidationProblemDetails>().Subject;

        problem.Status.Should().Be(400);
        problem.Errors.Keys.Should().BeEquivalentTo("ownerId", "domain");
        result.FieldMessages().Should().Contain("OwnerId", "Choose an active user.");
        result.Describe().Should().Be("Choose an active user. Not a domain.");
        FluentActions.Invoking(() => ApiProblems.From(Result.Ok<Guid>(Guid.NewGuid()), new DefaultHttpContext())).Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task A_refused_deal_move_or_save_maps_to_a_404_a_409_or_a_400_problem_and_a_done_move_gives_the_next_version()
    {
        var tenant = await app.QueryAsync(db => db.Tenants.SingleAsync(t => t.Slug == "northwind"));
        var rep = await app.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        var company = await app.QueryAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == tenant.Id).Select(c => c.Id).FirstAsync());
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id, rep.Id, "test");
        var pipeline = scope.ServiceProvider.GetRequiredService<PipelineService>();
        var stages = await pipeline.StagesAsync();
        var input = new DealInput
        {
            CompanyId = company, Title = "Problem mapping", OwnerId = rep.Id, StageId = stages[0].Id, Amount = 1_000m, Currency = "GBP",
            ExpectedCloseDate = DateTime.UtcNow.Date.AddDays(30),
        };
        var saved = await pipeline.SaveDealAsync(null, input);
        saved.Succeeded.Should().BeTrue(saved.Describe());
        var (deal, created) = (saved.Value!.DealId, saved.Value.Version);
        var context = new DefaultHttpContext { Request = { Path = "/api/v1/deals" } };

        var gone = ApiProblems.From(await pipeline.MoveAsync(Guid.NewGuid(), stages[1].Id, created), context).ProblemDetails;
        (gone.Status, gone.Title, gone.Detail).Should().Be((404, "Not found", "This deal no longer exists."));

        var noStage = ApiProblems.From(await pipeline.MoveAsync(deal, Guid.NewGuid(), created), context).ProblemDetails
            .Should().BeOfType<HttpValidationProblemDetails>().Subject;
        noStage.Status.Should().Be(400);
        noStage.Errors.Should().ContainKey("stageId").WhoseValue.Should().Equal("That stage does not exist.");

        var moved = await pipeline.MoveAsync(deal, stages[1].Id, created);
        moved.Succeeded.Should().BeTrue();
        moved.Value.Should().Be((await pipeline.GetDealAsync(deal))!.Card.Version);
        var stale = ApiProblems.From(await pipeline.MoveAsync(deal, stages[2].Id, created), context).ProblemDetails;
        (stale.Status, stale.Title).Should().Be((409, "Conflict"));
        stale.Detail.Should().StartWith("Someone else changed this deal");
        (await pipeline.MoveAsync(deal, stages[2].Id, moved.Value)).Succeeded.Should().BeTrue("the version a move answers with is the one the next move needs");

        ApiProblems.From(await pipeline.SaveDealAsync(Guid.NewGuid(), input), context).ProblemDetails.Status.Should().Be(404);
        ApiProblems.From(await pipeline.SaveDealAsync(deal, input, created), context).ProblemDetails.Status.Should().Be(409, "the deal moved since that version");
        var invalid = ApiProblems.From(await pipeline.SaveDealAsync(deal, new DealInput { CompanyId = company, Title = " " }), context).ProblemDetails
            .Should().BeOfType<HttpValidationProblemDetails>().Subject;
        invalid.Errors.Keys.Should().Contain(["title", "ownerId", "stageId"], "field errors stay per field, in camelCase");
    }

    [Fact]
    public void A_refusal_passed_on_as_another_value_type_keeps_its_kind_message_and_fields()
    {
        var refused = Result.Conflict("rep@globex.test already has an account.", "Email");

        var passedOn = refused.As<Guid>();

        (passedOn.Kind, passedOn.Message, passedOn.Value).Should().Be((ErrorKind.Conflict, refused.Message, Guid.Empty));
        passedOn.FieldMessages().Should().Equal(refused.FieldMessages());
        FluentActions.Invoking(() => Result.Ok().As<Guid>()).Should().Throw<InvalidOperationException>();
    }

    private HttpClient Client(string key)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().Should().Be(status);
        return problem;
    }

    private async Task<string> GlobexKeyAsync()
    {
        var tenant = await app.QueryAsync(db => db.Tenants.SingleAsync(t => t.Slug == "globex"));
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id);
        return (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("globex problem test")).Value!.Key;
    }
}
