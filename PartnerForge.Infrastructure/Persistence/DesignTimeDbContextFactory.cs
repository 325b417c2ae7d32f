using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>
/// What <c>dotnet ef</c> uses to build the context: the provider comes from the arguments after <c>--</c>
/// (<c>-- --provider sqlite|postgres|sqlserver</c>, optionally <c>--connection "…"</c>), with the same
/// <see cref="DatabaseProviderSetup"/> the app uses, so each provider's migrations land in its own assembly.
/// <c>migrations add</c>, <c>script</c> and <c>has-pending-model-changes</c> never open the connection; the
/// placeholder strings below are only for commands that do (<c>database update</c>): pass <c>--connection</c>.
/// It lives beside the context (EF's tools look there and in the startup project), so the web project opens no context itself.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PartnerForgeDbContext>
{
    public PartnerForgeDbContext CreateDbContext(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var provider = Argument(args, "--provider")
            ?? throw new ArgumentException("Name the provider after --: dotnet ef … -- --provider sqlite|postgres|sqlserver");
        var connection = Argument(args, "--connection");
        var builder = new DbContextOptionsBuilder<PartnerForgeDbContext>();
        switch (provider.ToUpperInvariant())
        {
            case "SQLITE":
                DatabaseProviderSetup.UseSqlite(builder, connection ?? DatabaseProviderSetup.SqliteConnectionString("partnerforge-design.db", create: true));
                break;
            case "POSTGRES" or "POSTGRESQL" or "NPGSQL":
                DatabaseProviderSetup.UsePostgres(builder, connection ?? "Host=127.0.0.1;Database=partnerforge_design;Username=postgres");
                break;
            case "SQLSERVER" or "MSSQL":
                DatabaseProviderSetup.UseSqlServer(builder, connection ?? "Server=127.0.0.1;Database=PartnerForgeDesign;Integrated Security=true;TrustServerCertificate=true");
                break;
            default:
                throw new ArgumentException($"Unknown provider '{provider}': use sqlite, postgres or sqlserver.");
        }

        return new PartnerForgeDbContext(builder.Options, new TenantContext());
    }

    private static string? Argument(string[] args, string name)
    {
        var at = Array.FindIndex(args, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
