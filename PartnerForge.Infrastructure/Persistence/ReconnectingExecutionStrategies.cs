using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>
/// How PartnerForge rides out a database server that restarts or fails over: a query or a save that meets a transient
/// error (connection refused or reset, the server shutting down) is tried again after a growing delay — up to
/// <see cref="MaxRetries"/> times, at most <see cref="MaxDelay"/> apart, about a minute in all — on a new connection.
/// Work inside a transaction of our own (an import batch, an account merge) is not retried statement by statement: the
/// server ended that transaction, so the unit fails as a whole and its caller reports or re-runs it (an import batch is
/// rolled back, a bulk run resumes from its recorded modules). This is EF Core's retrying strategy minus its refusal of
/// user transactions, which would otherwise need every transaction rewritten as a retryable unit.
/// </summary>
internal static class ReconnectingExecutionStrategies
{
    public const int MaxRetries = 8;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    public sealed class Postgres(ExecutionStrategyDependencies dependencies)
        : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorCodesToAdd: null)
    {
        protected override void OnFirstExecution()
        {
            if (!InOwnTransaction(Dependencies))
            {
                base.OnFirstExecution();
            }
        }

        protected override bool ShouldRetryOn(Exception? exception) => !InOwnTransaction(Dependencies) && base.ShouldRetryOn(exception);
    }

    public sealed class SqlServer(ExecutionStrategyDependencies dependencies)
        : SqlServerRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorNumbersToAdd: null)
    {
        protected override void OnFirstExecution()
        {
            if (!InOwnTransaction(Dependencies))
            {
                base.OnFirstExecution();
            }
        }

        protected override bool ShouldRetryOn(Exception exception) => !InOwnTransaction(Dependencies) && base.ShouldRetryOn(exception);
    }

    private static bool InOwnTransaction(ExecutionStrategyDependencies dependencies) =>
        dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;
}
