namespace PartnerForge.Infrastructure.Persistence;

/// <summary>The database cannot be used as configured; the message tells the operator what to do.</summary>
public sealed class DatabaseStartupException(string message, Exception? inner = null) : Exception(message, inner);
