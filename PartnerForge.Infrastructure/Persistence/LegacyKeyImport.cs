using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>
/// Before keys lived in the database they were XML files in <c>DataProtection:KeysDirectory</c>. On the first start
/// on a database without keys, those files are copied in, so sign-in cookies and open forms survive the upgrade.
/// Runs inside the start-up lock (<see cref="DatabaseInitializer"/>), so nodes started together import once.
/// </summary>
internal static class LegacyKeyImport
{
    /// <summary>Copies the folder's key files into an empty key table; returns how many were copied.</summary>
    public static async Task<int> ImportAsync(PartnerForgeDbContext db, string? directory, CancellationToken ct)
    {
        if (directory is null || !Directory.Exists(directory) || await db.DataProtectionKeys.AnyAsync(ct))
        {
            return 0;
        }

        var files = Directory.GetFiles(directory, "key-*.xml");
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            // The same shape the file and EF repositories store: the <key> element, named after the file.
            var element = XElement.Load(file);
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = element.ToString(SaveOptions.DisableFormatting),
            });
        }

        await db.SaveChangesAsync(ct);
        return files.Length;
    }
}
