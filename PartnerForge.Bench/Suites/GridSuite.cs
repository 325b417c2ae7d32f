using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerForge.Domain.Accounts;
using PartnerForge.Infrastructure;
using PartnerForge.Infrastructure.Accounts;
using PartnerForge.Infrastructure.Persistence;
using PartnerForge.Infrastructure.Tenancy;

namespace PartnerForge.Bench.Suites;

/// <summary>
/// Accounts-grid page queries (filter + sort + page) through the real AccountQueries over N accounts in one
/// tenant of a SQLite file, next to the naive way (load the tenant's accounts, filter and page in memory).
/// </summary>
public sealed class GridSuite : IBenchSuite
{
    private static readonly string[] Industries = ["Retail", "Logistics", "Healthcare", "Manufacturing", "Financial Services", "Software", "Education", "Media", "Energy", "Travel"];
    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "NL", "CA", "ES", "IT", "SE", "JP", "AU", "BR"];
    private static readonly string[] Syllables = ["ab", "ex", "zen", "tor", "lum", "ner", "qua", "vi", "sol", "mar", "kin", "dro", "pel", "ost", "ari", "bel"];

    public string Name => "grid";

    public string Description => "accounts grid page query p50/p95 over N accounts (SQLite)";

    public int DefaultSize => 1_000_000;

    public async Task RunAsync(BenchContext context)
    {
        var output = context.Output;
        using var host = await BenchHost.StartAsync(context.WorkDirectory);
        var tenantId = await host.TenantIdAsync("northwind");
        var load = Stopwatch.StartNew();
        await GenerateAsync(host.SqlitePath, tenantId, context.Size);
        output.Note($"generated {context.Size:N0} accounts in {load.Elapsed.TotalSeconds:0.0} s");

        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenantId);
        var queries = scope.ServiceProvider.GetRequiredService<AccountQueries>();
        var scenarios = new (string Name, AccountFilter Filter, AccountSort Sort)[]
        {
            ("all by name", new AccountFilter(), new AccountSort()),
            ("country by name", new AccountFilter { Country = "DE" }, new AccountSort()),
            ("search prefix", new AccountFilter { Search = "zenqua" }, new AccountSort()),
            ("industry+tier by updated desc", new AccountFilter { Industry = "Software", Tier = AccountTier.A }, new AccountSort(AccountSortColumn.UpdatedAt, true)),
            ("country by domain desc", new AccountFilter { Country = "JP" }, new AccountSort(AccountSortColumn.Domain, true)),
            ("unowned by created", new AccountFilter { OwnerId = Guid.Empty }, new AccountSort(AccountSortColumn.CreatedAt)),
            ("all by priority desc", new AccountFilter(), new AccountSort(AccountSortColumn.Priority, true)),
            ("country+fit>=70 by signal desc", new AccountFilter { Country = "DE", MinFit = 70 }, new AccountSort(AccountSortColumn.Signal, true)),
            ("priority>=80 by name", new AccountFilter { MinPriority = 80 }, new AccountSort()),
        };

        // Warm-up: first queries compile and fill the page cache.
        foreach (var (_, filter, sort) in scenarios)
        {
            await queries.PageAsync(filter, sort, 0, 25);
        }

        var random = new Random(7);
        var pageTimes = new List<double>();
        var countTimes = new List<double>();
        foreach (var (name, filter, sort) in scenarios)
        {
            var scenarioTimes = new List<double>();
            for (var i = 0; i < 30; i++)
            {
                var skip = random.Next(0, 20) * 25;
                var watch = Stopwatch.StartNew();
                var rows = await queries.PageAsync(filter, sort, skip, 25);
                scenarioTimes.Add(watch.Elapsed.TotalMilliseconds);
                if (rows.Count == 0 && skip == 0)
                {
                    throw new InvalidOperationException($"Scenario '{name}' matched nothing; the benchmark data is wrong.");
                }
            }

            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                await queries.CountAsync(filter);
                countTimes.Add(watch.Elapsed.TotalMilliseconds);
            }

            output.Note($"{name}: page p50 {Percentile(scenarioTimes, 50):0.0} ms, p95 {Percentile(scenarioTimes, 95):0.0} ms");
            pageTimes.AddRange(scenarioTimes);
        }

        // Baseline: what "load the table and page in memory" costs for one of the same scenarios.
        var naive = new List<double>();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var db = await factory.CreateDbContextAsync();
            var all = await db.Companies.AsNoTracking().ToListAsync();
            _ = all.Where(c => c.Country == "DE").OrderBy(c => c.SearchName).Skip(50).Take(25).ToList();
            naive.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.Figure("grid_accounts", context.Size);
        output.Figure("grid_p50_ms", Percentile(pageTimes, 50), "0.0");
        output.Figure("grid_p95_ms", Percentile(pageTimes, 95), "0.0");
        output.Figure("grid_count_p95_ms", Percentile(countTimes, 95), "0.0");
        output.Figure("naive_load_p50_ms", Percentile(naive, 50), "0.0");
        output.Figure("grid_speedup", Percentile(naive, 50) / Percentile(pageTimes, 50), "0.0");
        await OtelOverhead.MeasureAsync(queries, scenarios.Select(s => (s.Filter, s.Sort)).ToList(), output);
    }

    internal static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    /// <summary>Writes <paramref name="size"/> varied accounts (names, firmographics, owners, tiers, scores) straight into the SQLite file.</summary>
    internal static async Task GenerateAsync(string path, Guid tenantId, int size)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        var owners = new List<string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id FROM Users WHERE TenantId = $t";
            read.Parameters.AddWithValue("$t", Text(tenantId));
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                owners.Add(reader.GetString(0));
            }
        }

        var random = new Random(42);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Companies (Id, TenantId, Name, SearchName, Domain, Industry, Country, EmployeeBand, RevenueBand, OwnerId, Tier, CreatedAtUtc, UpdatedAtUtc, FitScore, SignalScore, PriorityScore)
            VALUES ($id, $tenant, $name, $search, $domain, $industry, $country, $employees, $revenue, $owner, $tier, $created, $updated, $fit, $signal, $priority)
            """;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "$id", "$tenant", "$name", "$search", "$domain", "$industry", "$country", "$employees", "$revenue", "$owner", "$tier", "$created", "$updated", "$fit", "$signal", "$priority" })
        {
            p[name] = insert.Parameters.Add(name, SqliteType.Text);
        }

        insert.Prepare();
        p["$tenant"].Value = Text(tenantId);
        for (var i = 0; i < size; i++)
        {
            var name = string.Concat(Enumerable.Range(0, 3).Select(_ => Syllables[random.Next(Syllables.Length)])) + " " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var created = start.AddMinutes(random.Next(0, 60 * 24 * 700));
            p["$id"].Value = Text(Guid.NewGuid());
            p["$name"].Value = char.ToUpperInvariant(name[0]) + name[1..];
            p["$search"].Value = name;
            p["$domain"].Value = $"{name.Replace(' ', '-')}.example";
            p["$industry"].Value = Industries[random.Next(Industries.Length)];
            p["$country"].Value = Countries[random.Next(Countries.Length)];
            p["$employees"].Value = Firmographics.EmployeeBands[random.Next(Firmographics.EmployeeBands.Count)];
            p["$revenue"].Value = Firmographics.RevenueBands[random.Next(Firmographics.RevenueBands.Count)];
            p["$owner"].Value = random.Next(4) == 0 || owners.Count == 0 ? DBNull.Value : owners[random.Next(owners.Count)];
            p["$tier"].Value = random.Next(5) == 0 ? DBNull.Value : random.Next(1, 5);
            p["$created"].Value = Stamp(created);
            p["$updated"].Value = Stamp(created.AddDays(random.Next(0, 30)));
            // Scores (issue 5): a fifth of the accounts not scored yet, the rest 0–100.
            var scored = random.Next(5) != 0;
            var fit = random.Next(0, 101);
            var signal = random.Next(0, 101);
            p["$fit"].Value = scored ? fit : DBNull.Value;
            p["$signal"].Value = scored ? signal : DBNull.Value;
            p["$priority"].Value = scored ? (6 * fit + 4 * signal) / 10 : DBNull.Value;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        await analyze.ExecuteNonQueryAsync();
    }

    // EF Core's SQLite storage formats: Guid as upper-case text, DateTime as 'yyyy-MM-dd HH:mm:ss.FFFFFFF'.
    internal static string Text(Guid id) => id.ToString().ToUpperInvariant();

    internal static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The real Infrastructure services over a SQLite file in the bench's work folder, with the demo tenants.</summary>
internal sealed class BenchHost : IDisposable
{
    private readonly IHost _host;

    private BenchHost(IHost host, string sqlitePath)
    {
        _host = host;
        SqlitePath = sqlitePath;
    }

    public string SqlitePath { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchHost> StartAsync(string directory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory, DisableDefaults = true, EnvironmentName = "Bench" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = directory, ["Demo:Seed"] = "true" });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Services.AddPartnerForgeInfrastructure(builder.Configuration, builder.Environment);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host, Path.Combine(directory, "partnerforge.db"));
    }

    public async Task<Guid> TenantIdAsync(string slug)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PartnerForgeDbContext>>().CreateDbContextAsync();
        return await db.Tenants.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync();
    }

    public void Dispose()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
