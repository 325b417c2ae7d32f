namespace PartnerForge.Infrastructure.Billing;

/// <summary>
/// Seam for a payment provider. None is reachable here, so the one implementation records a payment a
/// platform admin confirms by hand; a card or bank provider would implement the same call.
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }

    /// <summary>Confirms payment of an invoice; returns the reference to store, or null when not paid.</summary>
    Task<string?> ConfirmPaymentAsync(string invoiceNumber, decimal amount, string currency, string note, CancellationToken cancellationToken);
}

internal sealed class ManualPaymentProvider : IPaymentProvider
{
    public string Name => "manual";

    public Task<string?> ConfirmPaymentAsync(string invoiceNumber, decimal amount, string currency, string note, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(string.IsNullOrWhiteSpace(note) ? "manual" : $"manual: {note.Trim()}");
}
