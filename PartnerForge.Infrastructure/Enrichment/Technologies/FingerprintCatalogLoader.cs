using PartnerForge.Domain.Technologies;

namespace PartnerForge.Infrastructure.Enrichment.Technologies;

/// <summary>Loads our fingerprint catalog (Enrichment/Technologies/fingerprints.json, embedded) once.</summary>
public static class FingerprintCatalogLoader
{
    private static readonly Lazy<FingerprintCatalog> Catalog = new(() =>
    {
        using var stream = typeof(FingerprintCatalogLoader).Assembly.GetManifestResourceStream("PartnerForge.fingerprints.json")
            ?? throw new InvalidOperationException("The fingerprint catalog resource is missing.");
        using var reader = new StreamReader(stream);
        return FingerprintCatalog.Parse(reader.ReadToEnd());
    });

    public static FingerprintCatalog Default => Catalog.Value;
}
