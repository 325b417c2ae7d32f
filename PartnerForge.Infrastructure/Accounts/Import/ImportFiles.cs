using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts.Import;

/// <summary>
/// Where uploads and error files live: <c>&lt;data folder&gt;/imports/&lt;tenant&gt;/&lt;import&gt;.csv</c> and
/// <c>...&lt;import&gt;.errors.csv</c>. Paths are built from ids only, never from what a user typed.
/// </summary>
public sealed class ImportFiles(IOptions<DatabaseOptions> database, IHostEnvironment environment)
{
    public string Root
    {
        get
        {
            var data = database.Value.DataDirectory;
            return Path.GetFullPath(Path.Combine(Path.IsPathRooted(data) ? data : Path.Combine(environment.ContentRootPath, data), "imports"));
        }
    }

    public string TenantFolder(Guid tenantId) => Path.Combine(Root, tenantId.ToString("N"));

    public string UploadPath(Guid tenantId, Guid importId) => Path.Combine(TenantFolder(tenantId), importId.ToString("N") + ".csv");

    public string ErrorPath(Guid tenantId, Guid importId) => Path.Combine(TenantFolder(tenantId), importId.ToString("N") + ".errors.csv");

    /// <summary>A file for an upload in progress, before its import exists.</summary>
    public string StagingPath(Guid tenantId, Guid uploadId) => Path.Combine(TenantFolder(tenantId), "staging-" + uploadId.ToString("N") + ".csv");
}
