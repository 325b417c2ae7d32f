using System.ComponentModel.DataAnnotations;
using System.Net;

namespace PartnerForge.Web.Hosting;

/// <summary>The Prometheus endpoint (section <c>Metrics</c>), validated at start-up.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    /// <summary>Loopback only (IPv4 and IPv6) unless <see cref="AllowedNetworks"/> says otherwise.</summary>
    public static readonly string[] DefaultNetworks = ["127.0.0.0/8", "::1/128"];

    /// <summary>OpenTelemetry metrics and the <c>/metrics</c> endpoint; off, neither is set up.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Networks (CIDR) whose clients may read <c>/metrics</c>; everyone else gets 404.</summary>
    public string[]? AllowedNetworks { get; set; }

    public IReadOnlyList<IPNetwork> Networks() =>
        (AllowedNetworks is { Length: > 0 } configured ? configured : DefaultNetworks).Select(n => IPNetwork.Parse(n.Trim())).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var networks = AllowedNetworks ?? [];
        for (var i = 0; i < networks.Length; i++)
        {
            if (!IPNetwork.TryParse(networks[i]?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"Metrics:AllowedNetworks:{i} '{networks[i]}' is not a network in CIDR notation (e.g. 10.0.0.0/8 or ::1/128).", [nameof(AllowedNetworks)]);
            }
        }
    }
}
