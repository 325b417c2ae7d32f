namespace PartnerForge.Infrastructure.Persistence.Seeding;

/// <summary>The demo workspace: seeded into an empty database when <see cref="Seed"/> is true.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; }

    /// <summary>The password of every demo user. Printed in the README; never use the demo in production.</summary>
    public string Password { get; set; } = DemoWorkspace.DefaultPassword;
}
