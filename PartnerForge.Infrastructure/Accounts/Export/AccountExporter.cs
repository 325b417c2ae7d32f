using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Infrastructure.Persistence;

namespace PartnerForge.Infrastructure.Accounts.Export;

/// <summary>
/// Writes the current tenant's accounts matching an <see cref="AccountExportQuery"/> as RFC 4180 CSV (UTF-8
/// with BOM, CRLF), formula-like cells neutralized. Rows stream from the database in the query's order; tags
/// and owners are looked up per chunk, so memory does not grow with the number of accounts.
/// </summary>
public sealed class AccountExporter(IDbContextFactory<PartnerForgeDbContext> contexts)
{
    private const int Chunk = 1000;

    private sealed record Row(Guid Id, string Name, string Domain, string? Industry, string? Country, string? EmployeeBand,
        string? RevenueBand, Guid? OwnerId, AccountTier? Tier, DateTime CreatedAtUtc, DateTime UpdatedAtUtc,
        int? PriorityScore, int? FitScore, int? SignalScore);

    public async Task<long> WriteAsync(AccountExportQuery query, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(CsvText.Record(query.Columns.Select(AccountExportQuery.Header)));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var lookups = await contexts.CreateDbContextAsync(cancellationToken);
        var needsTags = query.Columns.Contains(AccountColumn.Tags);
        var needsOwners = query.Columns.Contains(AccountColumn.Owner);
        var owners = new Dictionary<Guid, string>();
        long count = 0;
        var chunk = new List<Row>(Chunk);
        await foreach (var row in Rows(db, query).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            chunk.Add(row);
            if (chunk.Count == Chunk)
            {
                count += await WriteChunkAsync(lookups, query, chunk, needsTags, needsOwners, owners, writer, cancellationToken);
                chunk.Clear();
            }
        }

        count += await WriteChunkAsync(lookups, query, chunk, needsTags, needsOwners, owners, writer, cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    private static IQueryable<Row> Rows(PartnerForgeDbContext db, AccountExportQuery query)
    {
        IQueryable<Company> companies = db.Companies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var key = Company.SearchKey(query.Search);
            companies = companies.Where(c => c.SearchName.StartsWith(key) || c.Domain.StartsWith(key));
        }

        foreach (var filter in query.Filters)
        {
            companies = Apply(db, companies, filter);
        }

        companies = (query.SortBy ?? AccountColumn.Name, query.Descending) switch
        {
            (AccountColumn.Domain, false) => companies.OrderBy(c => c.Domain),
            (AccountColumn.Domain, true) => companies.OrderByDescending(c => c.Domain),
            (AccountColumn.Industry, false) => companies.OrderBy(c => c.Industry).ThenBy(c => c.SearchName),
            (AccountColumn.Industry, true) => companies.OrderByDescending(c => c.Industry).ThenBy(c => c.SearchName),
            (AccountColumn.Country, false) => companies.OrderBy(c => c.Country).ThenBy(c => c.SearchName),
            (AccountColumn.Country, true) => companies.OrderByDescending(c => c.Country).ThenBy(c => c.SearchName),
            (AccountColumn.Tier, false) => companies.OrderBy(c => c.Tier).ThenBy(c => c.SearchName),
            (AccountColumn.Tier, true) => companies.OrderByDescending(c => c.Tier).ThenBy(c => c.SearchName),
            (AccountColumn.Created, false) => companies.OrderBy(c => c.CreatedAtUtc),
            (AccountColumn.Created, true) => companies.OrderByDescending(c => c.CreatedAtUtc),
            (AccountColumn.Updated, false) => companies.OrderBy(c => c.UpdatedAtUtc),
            (AccountColumn.Updated, true) => companies.OrderByDescending(c => c.UpdatedAtUtc),
            (AccountColumn.Priority, false) => companies.OrderBy(c => c.PriorityScore).ThenBy(c => c.SearchName),
            (AccountColumn.Priority, true) => companies.OrderByDescending(c => c.PriorityScore).ThenBy(c => c.SearchName),
            (AccountColumn.Fit, false) => companies.OrderBy(c => c.FitScore).ThenBy(c => c.SearchName),
            (AccountColumn.Fit, true) => companies.OrderByDescending(c => c.FitScore).ThenBy(c => c.SearchName),
            (AccountColumn.Signal, false) => companies.OrderBy(c => c.SignalScore).ThenBy(c => c.SearchName),
            (AccountColumn.Signal, true) => companies.OrderByDescending(c => c.SignalScore).ThenBy(c => c.SearchName),
            (_, true) => companies.OrderByDescending(c => c.SearchName),
            _ => companies.OrderBy(c => c.SearchName),
        };

        return companies.Select(c => new Row(c.Id, c.Name, c.Domain, c.Industry, c.Country, c.EmployeeBand, c.RevenueBand, c.OwnerId, c.Tier, c.CreatedAtUtc, c.UpdatedAtUtc,
            c.PriorityScore, c.FitScore, c.SignalScore));
    }

    private static IQueryable<Company> Apply(PartnerForgeDbContext db, IQueryable<Company> companies, AccountColumnFilter filter)
    {
        var value = filter.Value.Trim();
        var lower = value.ToLowerInvariant();
        var upper = value.ToUpperInvariant();
        switch (filter.Column)
        {
            case AccountColumn.Tags:
                var tag = CompanyTag.Normalize(value);
                return filter.Operator switch
                {
                    AccountFilterOperator.IsEmpty => companies.Where(c => !db.CompanyTags.Any(t => t.CompanyId == c.Id)),
                    AccountFilterOperator.IsNotEmpty => companies.Where(c => db.CompanyTags.Any(t => t.CompanyId == c.Id)),
                    AccountFilterOperator.Equals => companies.Where(c => db.CompanyTags.Any(t => t.CompanyId == c.Id && t.NormalizedTag == tag)),
                    AccountFilterOperator.StartsWith => companies.Where(c => db.CompanyTags.Any(t => t.CompanyId == c.Id && t.NormalizedTag.StartsWith(tag))),
                    _ => companies.Where(c => db.CompanyTags.Any(t => t.CompanyId == c.Id && t.NormalizedTag.Contains(tag))),
                };
            case AccountColumn.Owner:
                return filter.Operator switch
                {
                    AccountFilterOperator.IsEmpty => companies.Where(c => c.OwnerId == null),
                    AccountFilterOperator.IsNotEmpty => companies.Where(c => c.OwnerId != null),
                    // The grid sends the owner's user id; people typing a URL may use an e-mail.
                    _ when Guid.TryParse(value, out var ownerId) => companies.Where(c => c.OwnerId == ownerId),
                    _ => companies.Where(c => db.Users.Any(u => u.Id == c.OwnerId && u.NormalizedEmail == upper)),
                };
            case AccountColumn.Tier:
                var (tier, _) = Firmographics.NormalizeTier(value);
                return filter.Operator switch
                {
                    AccountFilterOperator.IsEmpty => companies.Where(c => c.Tier == null),
                    AccountFilterOperator.IsNotEmpty => companies.Where(c => c.Tier != null),
                    _ => companies.Where(c => c.Tier == tier),
                };
            case AccountColumn.Priority:
                return Score(companies, filter.Operator, c => c.PriorityScore, AccountExportQuery.ScoreValue(value));
            case AccountColumn.Fit:
                return Score(companies, filter.Operator, c => c.FitScore, AccountExportQuery.ScoreValue(value));
            case AccountColumn.Signal:
                return Score(companies, filter.Operator, c => c.SignalScore, AccountExportQuery.ScoreValue(value));
            case AccountColumn.Name:
                return filter.Operator switch
                {
                    AccountFilterOperator.Equals => companies.Where(c => c.SearchName == lower),
                    AccountFilterOperator.StartsWith => companies.Where(c => c.SearchName.StartsWith(lower)),
                    AccountFilterOperator.Contains => companies.Where(c => c.SearchName.Contains(lower)),
                    _ => companies,
                };
            case AccountColumn.Domain:
                return filter.Operator switch
                {
                    AccountFilterOperator.Equals => companies.Where(c => c.Domain == lower),
                    AccountFilterOperator.StartsWith => companies.Where(c => c.Domain.StartsWith(lower)),
                    AccountFilterOperator.Contains => companies.Where(c => c.Domain.Contains(lower)),
                    _ => companies,
                };
            case AccountColumn.Country:
                var country = Firmographics.NormalizeCountry(value).Value ?? value.ToUpperInvariant();
                return Text(companies, filter.Operator, c => c.Country, country);
            case AccountColumn.Industry:
                return Text(companies, filter.Operator, c => c.Industry, value);
            case AccountColumn.Employees:
                return Text(companies, filter.Operator, c => c.EmployeeBand, Firmographics.NormalizeEmployeeBand(value).Value ?? value);
            case AccountColumn.Revenue:
                return Text(companies, filter.Operator, c => c.RevenueBand, Firmographics.NormalizeRevenueBand(value).Value ?? value);
            default:
                return companies;
        }
    }

    private static string? Number(int? score) => score?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IQueryable<Company> Score(IQueryable<Company> companies, AccountFilterOperator op, System.Linq.Expressions.Expression<Func<Company, int?>> field, int? value)
    {
        var body = field.Body;
        var bound = System.Linq.Expressions.Expression.Constant(value, typeof(int?));
        System.Linq.Expressions.Expression? test = op switch
        {
            AccountFilterOperator.IsEmpty => System.Linq.Expressions.Expression.Equal(body, System.Linq.Expressions.Expression.Constant(null, typeof(int?))),
            AccountFilterOperator.IsNotEmpty => System.Linq.Expressions.Expression.NotEqual(body, System.Linq.Expressions.Expression.Constant(null, typeof(int?))),
            AccountFilterOperator.AtLeast when value is not null => System.Linq.Expressions.Expression.GreaterThanOrEqual(body, bound),
            AccountFilterOperator.Equals when value is not null => System.Linq.Expressions.Expression.Equal(body, bound),
            _ => null,
        };
        return test is null ? companies : companies.Where(System.Linq.Expressions.Expression.Lambda<Func<Company, bool>>(test, field.Parameters));
    }

    private static IQueryable<Company> Text(IQueryable<Company> companies, AccountFilterOperator op, System.Linq.Expressions.Expression<Func<Company, string?>> field, string value)
    {
        var c = field.Parameters[0];
        var body = field.Body;
        System.Linq.Expressions.Expression test = op switch
        {
            AccountFilterOperator.IsEmpty => System.Linq.Expressions.Expression.Equal(body, System.Linq.Expressions.Expression.Constant(null, typeof(string))),
            AccountFilterOperator.IsNotEmpty => System.Linq.Expressions.Expression.NotEqual(body, System.Linq.Expressions.Expression.Constant(null, typeof(string))),
            AccountFilterOperator.Equals => System.Linq.Expressions.Expression.Equal(body, Parameter(value)),
            AccountFilterOperator.StartsWith => System.Linq.Expressions.Expression.AndAlso(
                System.Linq.Expressions.Expression.NotEqual(body, System.Linq.Expressions.Expression.Constant(null, typeof(string))),
                System.Linq.Expressions.Expression.Call(body, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, Parameter(value))),
            _ => System.Linq.Expressions.Expression.AndAlso(
                System.Linq.Expressions.Expression.NotEqual(body, System.Linq.Expressions.Expression.Constant(null, typeof(string))),
                System.Linq.Expressions.Expression.Call(body, typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!, Parameter(value))),
        };
        return companies.Where(System.Linq.Expressions.Expression.Lambda<Func<Company, bool>>(test, c));
    }

    /// <summary>A closure member, so EF sends the value as a parameter rather than inlining it.</summary>
    private static System.Linq.Expressions.MemberExpression Parameter(string value)
    {
        var holder = new ValueHolder(value);
        return System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Constant(holder), nameof(ValueHolder.Value));
    }

    private sealed record ValueHolder(string Value);

    private static async Task<int> WriteChunkAsync(PartnerForgeDbContext lookups, AccountExportQuery query, List<Row> chunk, bool needsTags, bool needsOwners,
        Dictionary<Guid, string> owners, StreamWriter writer, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return 0;
        }

        var ids = chunk.Select(r => r.Id).ToList();
        var tags = needsTags
            ? (await lookups.CompanyTags.AsNoTracking().Where(t => ids.Contains(t.CompanyId)).Select(t => new { t.CompanyId, t.Tag }).ToListAsync(cancellationToken))
                .GroupBy(t => t.CompanyId).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(t => t.Tag).Order(StringComparer.OrdinalIgnoreCase)))
            : [];
        if (needsOwners)
        {
            var missing = chunk.Where(r => r.OwnerId is { } o && !owners.ContainsKey(o)).Select(r => r.OwnerId!.Value).Distinct().ToList();
            if (missing.Count > 0)
            {
                foreach (var user in await lookups.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken))
                {
                    owners[user.Id] = user.Email;
                }
            }
        }

        foreach (var row in chunk)
        {
            await writer.WriteAsync(CsvText.Record(query.Columns.Select(column => column switch
            {
                AccountColumn.Name => row.Name,
                AccountColumn.Domain => row.Domain,
                AccountColumn.Industry => row.Industry,
                AccountColumn.Country => row.Country,
                AccountColumn.Employees => row.EmployeeBand,
                AccountColumn.Revenue => row.RevenueBand,
                AccountColumn.Tags => tags.GetValueOrDefault(row.Id),
                AccountColumn.Owner => row.OwnerId is { } o ? owners.GetValueOrDefault(o) : null,
                AccountColumn.Tier => row.Tier?.ToString(),
                AccountColumn.Created => AccountExportQuery.Format(row.CreatedAtUtc),
                AccountColumn.Updated => AccountExportQuery.Format(row.UpdatedAtUtc),
                AccountColumn.Priority => Number(row.PriorityScore),
                AccountColumn.Fit => Number(row.FitScore),
                AccountColumn.Signal => Number(row.SignalScore),
                _ => null,
            })));
        }

        await writer.FlushAsync(cancellationToken);
        return chunk.Count;
    }
}
