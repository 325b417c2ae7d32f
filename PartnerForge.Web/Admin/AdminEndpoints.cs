using System.Text;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Billing;
using PartnerForge.Infrastructure.Contacts;

namespace PartnerForge.Web.Admin;

/// <summary>Admin downloads that are files, not pages: an invoice as CSV, a person's privacy export as JSON.</summary>
internal static class AdminEndpoints
{
    public static string ContactExportPath(Guid contactId) => $"/admin/contacts/{contactId}/export.json";

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/invoices/{id:guid}.csv", async (Guid id, HttpContext context, InvoiceService invoices, PlatformAdministration platform, CancellationToken ct) =>
        {
            // Tenant admins get their own tenant's invoice (query filter); platform admins any tenant's.
            var document = context.User.IsInRole(Roles.PlatformAdmin)
                ? await platform.GetInvoiceAsync(id, ct)
                : await invoices.GetAsync(id, ct);
            return document is null
                ? Results.NotFound()
                : Results.File(Encoding.UTF8.GetBytes(InvoiceService.ToCsv(document)), "text/csv; charset=utf-8", $"{document.Invoice.Number}.csv");
        }).RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Roles.Admins });

        // A person's privacy export, downloaded from the account page's contacts (the service checks the role again and audits it).
        endpoints.MapGet("/admin/contacts/{id:guid}/export.json", async (Guid id, ContactPrivacy privacy, CancellationToken ct) =>
        {
            var result = await privacy.ExportAsync(id, ct);
            return result.Succeeded
                ? Results.File(Encoding.UTF8.GetBytes(result.Value!.Json), "application/json", result.Value.FileName)
                : result.IsNotFound ? Results.NotFound() : Results.Forbid();
        }).RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Roles.Admins });
        return endpoints;
    }
}
