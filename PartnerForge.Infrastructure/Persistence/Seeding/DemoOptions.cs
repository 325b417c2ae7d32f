namespace PartnerForge.Infrastructure.Persistence.Seeding;

/// <summary>The demo workspace: seeded into an empty database when <see cref="Seed"/> is true.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; }

    /// <summary>Also give each demo tenant a sample ICP and score its accounts when the demo is seeded (<see cref="DemoIcp"/>).</summary>
    public bool SampleIcp { get; set; }

    /// <summary>The password of every demo user. Printed in the README; never use the demo in production.</summary>
    public string Password { get; set; } = DemoWorkspace.DefaultPassword;
}
