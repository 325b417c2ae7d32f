using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Web.Api;

/// <summary>A contact in or out of the API: role as a committee code (economic_buyer, technical_buyer, champion, user), lawful basis as a code.</summary>
public sealed record ApiContactInput(string? FullName, string? Title, string? Email, string? Phone, string? TimeZone, string? Role, string? LawfulBasis, DateTime? ConsentAt);

public sealed record ApiContact(Guid Id, string Account, string FullName, string? Title, string? Email, string? Phone, string? TimeZone, string? Role,
    string? Owner, string LawfulBasis, DateTime? ConsentAtUtc, DateTime UpdatedAtUtc);

/// <summary>
/// REST API v1: the people at an account (<see cref="ContactService"/>, as the account page uses): list, add, remove; and
/// privacy requests about one person (<see cref="ContactPrivacy"/>): export and erase, for keys of workspace admins (else 403).
/// Runs in the key's workspace; another workspace's account or contact is a 404.
/// </summary>
internal static class ApiV1Contacts
{
    private static readonly Dictionary<string, LawfulBasis> Bases = new(StringComparer.Ordinal)
    {
        ["not_recorded"] = LawfulBasis.NotRecorded,
        ["consent"] = LawfulBasis.Consent,
        ["legitimate_interest"] = LawfulBasis.LegitimateInterest,
        ["contract"] = LawfulBasis.Contract,
    };

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounts/{domain}/contacts", ListAsync).WithName("ListContacts").WithTags("Contacts")
            .WithSummary("The account's contacts, by name")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/accounts/{domain}/contacts", CreateAsync).WithName("CreateContact").WithTags("Contacts")
            .WithSummary("Adds a contact {fullName, title, email, phone, timeZone, role, lawfulBasis, consentAt}; 409 when the e-mail address is another contact's")
            .Produces<ApiContact>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/contacts/{id:guid}", DeleteAsync).WithName("DeleteContact").WithTags("Contacts")
            .WithSummary("Removes a contact")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/contacts/{id:guid}/export", ExportAsync).WithName("ExportContact").WithTags("Contacts")
            .WithSummary("Privacy export: everything the workspace holds on the person, as a JSON file (audited). The key must have been created by a workspace admin")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/contacts/{id:guid}/erase", EraseAsync).WithName("EraseContact").WithTags("Contacts")
            .WithSummary("Privacy erasure: removes the person and their outreach, takes their name and address out of the timeline, alerts and intelligence, "
                + "and keeps only a hash of the address on the suppression list (audited). The key must have been created by a workspace admin")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        HttpContext context, ContactPrivacy privacy, ApiKeyService keys, TenantContext tenant, Guid id, CancellationToken ct)
    {
        await ActAsKeyCreatorAsync(context, keys, tenant, ct);
        var result = await privacy.ExportAsync(id, ct);
        return result.Succeeded
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(result.Value!.Json), "application/json", result.Value.FileName)
            : ApiProblems.From(result, context);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(
        HttpContext context, ContactPrivacy privacy, ApiKeyService keys, TenantContext tenant, Guid id, CancellationToken ct)
    {
        await ActAsKeyCreatorAsync(context, keys, tenant, ct);
        var result = await privacy.EraseAsync(id, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.From(result, context);
    }

    /// <summary>
    /// A privacy request needs a person's rights: the key acts for the user who created it (audited as them, from the key),
    /// and <see cref="ContactPrivacy"/> checks that they are an active workspace admin.
    /// </summary>
    private static async Task ActAsKeyCreatorAsync(HttpContext context, ApiKeyService keys, TenantContext tenant, CancellationToken ct)
    {
        if (tenant.TenantId is { } tenantId && Guid.TryParse(context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value, out var keyId)
            && await keys.CreatorAsync(keyId, ct) is { } creator)
        {
            tenant.Set(tenantId, creator, tenant.Origin);
        }
    }

    private static async Task<Results<Ok<List<ApiContact>>, ProblemHttpResult>> ListAsync(
        HttpContext context, AccountDirectory accounts, ContactService contacts, string domain, CancellationToken ct)
    {
        if (await AccountAsync(accounts, domain, ct) is not { } account)
        {
            return NoAccount(domain, context);
        }

        return TypedResults.Ok((await contacts.ForAccountAsync(account.Id, ct)).Select(ToApi).ToList());
    }

    private static async Task<Results<Created<ApiContact>, ProblemHttpResult>> CreateAsync(
        HttpContext context, AccountDirectory accounts, ContactService contacts, string domain, CancellationToken ct)
    {
        if (await AccountAsync(accounts, domain, ct) is not { } account)
        {
            return NoAccount(domain, context);
        }

        ApiContactInput? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<ApiContactInput>(ct);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            body = null;
        }

        if (body is null)
        {
            return ApiProblems.From(Infrastructure.Application.Result.Invalid("body", "Send a JSON object like {\"fullName\": \"Dana Reyes\", \"email\": \"dana@acme.com\"}."), context);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        CommitteeRole? role = null;
        if (!string.IsNullOrWhiteSpace(body.Role) && (role = CommitteeRoles.FromCode(body.Role.Trim())) is null)
        {
            errors[nameof(ContactInput.Role)] = "A role is one of economic_buyer, technical_buyer, champion, user (or none).";
        }

        var basis = LawfulBasis.NotRecorded;
        if (!string.IsNullOrWhiteSpace(body.LawfulBasis) && !Bases.TryGetValue(body.LawfulBasis.Trim(), out basis))
        {
            errors[nameof(ContactInput.LawfulBasis)] = "A lawful basis is one of consent, legitimate_interest, contract, not_recorded.";
        }

        if (errors.Count > 0)
        {
            return ApiProblems.From(Infrastructure.Application.Result.Invalid(errors), context);
        }

        var input = new ContactInput(body.FullName, body.Title, body.Email, body.Phone, body.TimeZone, role, basis, body.ConsentAt?.ToUniversalTime());
        var result = await contacts.CreateAsync(account.Id, input, ownerId: null, ct);
        if (!result.Succeeded)
        {
            return ApiProblems.From(result, context);
        }

        var created = (await contacts.FindAsync(result.Value, ct))!;
        return TypedResults.Created($"{ApiEndpoints.Prefix}/accounts/{account.Domain}/contacts", ToApi(created));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext context, ContactService contacts, Guid id, CancellationToken ct)
    {
        var result = await contacts.DeleteAsync(id, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.From(result, context);
    }

    private static async Task<AccountSummary?> AccountAsync(AccountDirectory accounts, string domain, CancellationToken ct) =>
        DomainName.TryParse(Uri.UnescapeDataString(domain), out var parsed, out _) ? await accounts.FindByDomainAsync(parsed.Value, ct) : null;

    private static ProblemHttpResult NoAccount(string domain, HttpContext context) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"No account with domain {domain} in this workspace.", context);

    private static ApiContact ToApi(ContactRow c) =>
        new(c.Id, c.CompanyName, c.FullName, c.Title, c.Email, c.Phone, c.TimeZone, c.Role?.Code(), c.OwnerName,
            Bases.Single(b => b.Value == c.LawfulBasis).Key, c.ConsentAtUtc, c.UpdatedAtUtc);
}
