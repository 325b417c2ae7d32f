namespace PartnerForge.Tests.Support;

/// <summary>
/// The fault drills: each starts two app processes (or restarts a database server) and measures recovery within a deadline.
/// They run alone, after every parallel collection has finished, with their own PostgreSQL server, so a drill's deadline
/// measures the app rather than how busy the browser and bUnit tests keep the machine's two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DrillCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Fault drills";
}
