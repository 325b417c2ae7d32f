using PartnerForge.Domain.Technologies;

namespace PartnerForge.Infrastructure.Enrichment.Technologies;

/// <summary>
/// Loads our fingerprint catalog once: every JSON file of Enrichment/Technologies (one per group of
/// categories, embedded), validated together by <see cref="FingerprintCatalog.Parse(IEnumerable{string})"/>
/// (unique names, known categories, valid patterns, known implies/requires/excludes).
/// </summary>
public static class FingerprintCatalogLoader
{
    public const string ResourcePrefix = "PartnerForge.Technologies.";

    private static readonly Lazy<FingerprintCatalog> Catalog = new(() =>
    {
        var assembly = typeof(FingerprintCatalogLoader).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            throw new InvalidOperationException("The fingerprint catalog resources are missing.");
        }

        var documents = names.Select(n =>
        {
            using var stream = assembly.GetManifestResourceStream(n)!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        });
        return FingerprintCatalog.Parse(documents.ToList());
    });

    public static FingerprintCatalog Default => Catalog.Value;
}
